#pragma once

// A REST request as the RPC's request message, and the RPC's response as JSON (the protobuf JSON
// mapping: lowerCamelCase names, enums by name; either spelling of a name is read).
//
// The JSON body is the request message; path and query parameters set its scalar fields by name
// (a query parameter repeated fills a repeated field). Whatever cannot be read is INVALID_ARGUMENT
// with a field violation naming the body, the parameter or the field.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/rest/request_target.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace ror::gateway::rest {

struct RestRequest {
  std::string body;  // JSON; empty reads as {}
  Params path;
  Params query;
  std::string idempotency_key;  // the Idempotency-Key header: the request's request_id when unset
};

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> RequestMessage(
    const google::protobuf::Descriptor& type, const RestRequest& request);

std::string ResponseJson(const google::protobuf::Message& response);

}  // namespace ror::gateway::rest
