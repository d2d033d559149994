#include "gateway/rest/transcoder.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"

namespace ror::gateway::rest {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* FieldNamed(const Descriptor& type, const std::string& name) {
  if (const FieldDescriptor* field = type.FindFieldByName(name)) return field;
  for (int i = 0; i < type.field_count(); ++i) {
    if (type.field(i)->json_name() == name) return type.field(i);
  }
  return nullptr;
}

// Sets (or, when repeated, adds) the scalar `field` from its text; false when the text is not a
// value of the field's type.
bool SetScalar(Message& message, const FieldDescriptor& field, const std::string& text) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r.AddString(&message, &field, text) : r.SetString(&message, &field, text);
      return true;
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool value = false;
      if (text == "true" || text == "1") {
        value = true;
      } else if (text != "false" && text != "0") {
        return false;
      }
      repeated ? r.AddBool(&message, &field, value) : r.SetBool(&message, &field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t value = 0;
      if (!absl::SimpleAtoi(text, &value)) return false;
      repeated ? r.AddInt32(&message, &field, value) : r.SetInt32(&message, &field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t value = 0;
      if (!absl::SimpleAtoi(text, &value)) return false;
      repeated ? r.AddInt64(&message, &field, value) : r.SetInt64(&message, &field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t value = 0;
      if (!absl::SimpleAtoi(text, &value)) return false;
      repeated ? r.AddUInt32(&message, &field, value) : r.SetUInt32(&message, &field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t value = 0;
      if (!absl::SimpleAtoi(text, &value)) return false;
      repeated ? r.AddUInt64(&message, &field, value) : r.SetUInt64(&message, &field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double value = 0;
      if (!absl::SimpleAtod(text, &value)) return false;
      if (field.cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        repeated ? r.AddFloat(&message, &field, static_cast<float>(value))
                 : r.SetFloat(&message, &field, static_cast<float>(value));
      } else {
        repeated ? r.AddDouble(&message, &field, value) : r.SetDouble(&message, &field, value);
      }
      return true;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value = field.enum_type()->FindValueByName(text);
      if (value == nullptr) return false;
      repeated ? r.AddEnum(&message, &field, value) : r.SetEnum(&message, &field, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return false;
  }
  return false;
}

absl::Status SetParams(Message& message, const Params& params, absl::string_view where) {
  FieldViolations violations;
  for (const auto& [name, value] : params) {
    const FieldDescriptor* field = FieldNamed(*message.GetDescriptor(), name);
    if (field == nullptr) {
      violations.Add(name, "unknown", absl::StrCat("paramètre ", where, " inconnu"));
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      violations.Add(name, "not_a_parameter",
                     "ce champ composé se donne dans le corps JSON, pas en paramètre");
    } else if (!SetScalar(message, *field, value)) {
      violations.Add(
          name, "format",
          absl::StrCat("« ", value, " » n'est pas une valeur de type ", field->type_name()));
    }
  }
  return violations.ToStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Message>> RequestMessage(const Descriptor& type,
                                                        const RestRequest& request) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type);
  if (prototype == nullptr) {
    return absl::InternalError(absl::StrCat("gateway: no message type ", type.full_name()));
  }
  std::unique_ptr<Message> message(prototype->New());
  if (!request.body.empty()) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    const auto parsed =
        google::protobuf::util::JsonStringToMessage(request.body, message.get(), options);
    if (!parsed.ok()) {
      FieldViolations violations;
      violations.Add("body", "json",
                     absl::StrCat("le corps n'est pas un JSON de ", type.name(), " : ",
                                  parsed.message().as_string()));
      return violations.ToStatus();
    }
  }
  RETURN_IF_ERROR(SetParams(*message, request.query, "de requête"));
  // The path names the resource: it wins over the body.
  RETURN_IF_ERROR(SetParams(*message, request.path, "de chemin"));
  if (!request.idempotency_key.empty()) {
    const FieldDescriptor* request_id = type.FindFieldByName("request_id");
    const Reflection& r = *message->GetReflection();
    if (request_id != nullptr && request_id->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
        !request_id->is_repeated() && r.GetString(*message, request_id).empty()) {
      r.SetString(message.get(), request_id, request.idempotency_key);
    }
  }
  return message;
}

std::string ResponseJson(const google::protobuf::Message& response) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  // A generated message always prints; a failure would be a bug of the mapping itself.
  if (!google::protobuf::util::MessageToJsonString(response, &json, options).ok()) return "{}";
  return json;
}

}  // namespace ror::gateway::rest
