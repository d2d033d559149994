#include "services/auth/app/auth_bus_view.h"

#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "libs/common/log.h"
#include "ror/v1/events/auth_events.pb.h"

namespace ror::auth::app {
namespace {

// Personal data of account holders and requesters: consumers of the topic identify accounts by
// their id; who they are stays in the auth service.
bool IsPersonal(const std::string& name) {
  return name == "email" || name == "prenom" || name == "nom" || name == "motif";
}

// Clears the secret and personal fields of `message` and of the messages it holds.
void ClearSecrets(google::protobuf::Message& message) {
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (absl::EndsWith(field->name(), "_hash") || IsPersonal(field->name())) {
      reflection->ClearField(&message, field);
    } else if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int j = 0; j < reflection->FieldSize(message, field); ++j) {
          ClearSecrets(*reflection->MutableRepeatedMessage(&message, field, j));
        }
      } else if (reflection->HasField(message, field)) {
        ClearSecrets(*reflection->MutableMessage(&message, field));
      }
    }
  }
}

}  // namespace

std::optional<bus::OutgoingRecord> AuthBusRecord(const v1::EventEnvelope& event) {
  // Make sure the generated auth events are in the pool before looking one up by name.
  (void)v1::events::AccountCreated::descriptor();
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          absl::StrCat("ror.v1.events.", event.event_type()));
  if (type == nullptr || type->file() != v1::events::AccountCreated::descriptor()->file()) {
    log::Error("auth view: event type unknown, not published",
               {{"event_id", event.event_id()}, {"event_type", event.event_type()}});
    return std::nullopt;
  }
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> payload(factory.GetPrototype(type)->New());
  if (!payload->ParseFromString(event.payload())) {
    log::Error("auth view: payload unreadable, not published", {{"event_id", event.event_id()}});
    return std::nullopt;
  }
  ClearSecrets(*payload);
  v1::EventEnvelope stripped = event;
  stripped.set_payload(payload->SerializeAsString());
  bus::OutgoingRecord record = bus::EventRecord(stripped, "auth");
  record.topic = kAuthTopic;
  return record;
}

}  // namespace ror::auth::app
