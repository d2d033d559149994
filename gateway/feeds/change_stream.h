#pragma once

// GET /api/v1/changes: the directory's changes as Server-Sent Events (text/event-stream), as the
// caller may see them and filtered by type, établissement or région (change_event.h). Each event
// is `id: <sequence>@<epoch>`, `event: change`, `data: <the change as JSON>`; a client that
// reconnects with `Last-Event-ID` (or `?lastEventId=`) gets what followed that event, none lost
// and none twice. Without one the stream starts with the next change (`lastEventId=0`: the whole
// log). An id of a directory since rebuilt (another epoch) starts the log again: nothing is lost,
// and each change's JSON `id` (its event's) tells the client what it already had.
// A comment line every `heartbeat` keeps proxies from closing an idle stream and finds clients
// gone; the stream ends when the caller's token expires (he reconnects with a new one).

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/time/time.h"
#include "gateway/fhir/resources.h"
#include "gateway/http/http_types.h"
#include "libs/authz/principal.h"

namespace ror::gateway::feeds {

struct ChangeStreamOptions {
  absl::Duration heartbeat = absl::Seconds(15);
  int max_streams = 256;  // open at once; more are refused (503) rather than starve the server
  int max_streams_per_client = 8;  // per user, API client or address: no one takes them all
};

// The streams open, in all and per client.
class StreamSlots {
 public:
  StreamSlots(int total, int per_client) : total_(total), per_client_(per_client) {}
  // False when every slot, or every slot of `client`, is taken.
  bool Take(const std::string& client);
  void Give(const std::string& client);

 private:
  const int total_;
  const int per_client_;
  std::mutex mutex_;
  int open_ = 0;
  std::map<std::string, int> by_client_;
};

class ChangeStreams {
 public:
  ChangeStreams(const fhir::Resources& resources, ChangeStreamOptions options);

  http::Reply Open(const http::Request& request, const http::RequestContext& context,
                   const authz::Principal& caller) const;

 private:
  const fhir::Resources& resources_;
  const ChangeStreamOptions options_;
  std::shared_ptr<StreamSlots> slots_;
};

}  // namespace ror::gateway::feeds
