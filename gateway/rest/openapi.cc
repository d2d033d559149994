#include "gateway/rest/openapi.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gateway/rest/request_target.h"
#include "gateway/rest/routes.h"
#include "google/protobuf/descriptor.h"

namespace ror::gateway::rest {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using nlohmann::json;

json Ref(const Descriptor& type) {
  return {{"$ref", absl::StrCat("#/components/schemas/", type.full_name())}};
}

// The schemas of `type` and of every message it holds, by full name.
class Schemas {
 public:
  json Of(const Descriptor& type) {
    Add(type);
    return Ref(type);
  }
  json& all() { return schemas_; }

 private:
  void Add(const Descriptor& type) {
    if (schemas_.contains(type.full_name())) return;
    schemas_[type.full_name()] = json::object();  // placeholder: recursive messages stop here
    json properties = json::object();
    for (int i = 0; i < type.field_count(); ++i) {
      const FieldDescriptor& field = *type.field(i);
      properties[field.json_name()] = FieldSchema(field);
    }
    schemas_[type.full_name()] = {{"type", "object"}, {"properties", std::move(properties)}};
  }

  json FieldSchema(const FieldDescriptor& field) {
    if (field.is_map()) {
      return {{"type", "object"},
              {"additionalProperties", ValueSchema(*field.message_type()->map_value())}};
    }
    json value = ValueSchema(field);
    if (field.is_repeated()) return {{"type", "array"}, {"items", std::move(value)}};
    return value;
  }

  json ValueSchema(const FieldDescriptor& field) {
    switch (field.cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        return field.type() == FieldDescriptor::TYPE_BYTES
                   ? json{{"type", "string"}, {"format", "byte"}}
                   : json{{"type", "string"}};
      case FieldDescriptor::CPPTYPE_BOOL:
        return {{"type", "boolean"}};
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_UINT32:
        return {{"type", "integer"}, {"format", "int32"}};
      // The JSON mapping writes 64-bit integers as strings.
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT64:
        return {{"type", "string"}, {"format", "int64"}};
      case FieldDescriptor::CPPTYPE_DOUBLE:
      case FieldDescriptor::CPPTYPE_FLOAT:
        return {{"type", "number"}};
      case FieldDescriptor::CPPTYPE_ENUM: {
        json names = json::array();
        for (int i = 0; i < field.enum_type()->value_count(); ++i) {
          names.push_back(field.enum_type()->value(i)->name());
        }
        return {{"type", "string"}, {"enum", std::move(names)}};
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        const std::string& name = field.message_type()->full_name();
        if (name == "google.protobuf.Timestamp") {
          return {{"type", "string"}, {"format", "date-time"}};
        }
        if (name == "google.protobuf.Duration") return {{"type", "string"}};
        return Of(*field.message_type());
      }
    }
    return json::object();
  }

  json schemas_ = json::object();
};

json Operation(const Route& route, const google::protobuf::MethodDescriptor& method,
               Schemas& schemas) {
  json operation = {{"operationId", method.name()},
                    {"summary", route.summary},
                    {"tags", json::array({route.upstream})}};
  json parameters = json::array();
  std::set<std::string> in_path;
  for (const std::string& field : PathFields(route.pattern)) {
    in_path.insert(field);
    parameters.push_back(
        {{"name", field}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  const Descriptor& input = *method.input_type();
  if (!HasBody(route.verb)) {
    for (int i = 0; i < input.field_count(); ++i) {
      const FieldDescriptor& field = *input.field(i);
      if (in_path.contains(field.name()) || field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        continue;
      }
      json schema = field.is_repeated() ? json{{"type", "array"}, {"items", {{"type", "string"}}}}
                                        : json{{"type", "string"}};
      parameters.push_back({{"name", field.name()}, {"in", "query"}, {"schema", schema}});
    }
  } else {
    operation["requestBody"] = {
        {"required", false}, {"content", {{"application/json", {{"schema", schemas.Of(input)}}}}}};
  }
  if (!parameters.empty()) operation["parameters"] = std::move(parameters);
  const json success_schema = method.server_streaming()
                                  ? json{{"type", "string"}, {"format", "binary"}}
                                  : schemas.Of(*method.output_type());
  operation["responses"] = {
      {std::to_string(route.success),
       {{"description", "succès"}, {"content", {{route.produces, {{"schema", success_schema}}}}}}},
      {"default",
       {{"description", "erreur (RFC 9457)"},
        {"content",
         {{"application/problem+json",
           {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}}},
  };
  return operation;
}

json ProblemSchema() {
  return {{"type", "object"},
          {"properties",
           {{"type", {{"type", "string"}}},
            {"title", {{"type", "string"}}},
            {"status", {{"type", "integer"}}},
            {"detail", {{"type", "string"}}},
            {"requestId", {{"type", "string"}}},
            {"violations",
             {{"type", "array"},
              {"items",
               {{"type", "object"},
                {"properties",
                 {{"field", {{"type", "string"}}},
                  {"rule", {{"type", "string"}}},
                  {"message", {{"type", "string"}}}}}}}}}}}};
}

json Build(const json& more_paths) {
  Schemas schemas;
  json paths = more_paths.is_object() ? more_paths : json::object();
  for (const Route& route : RestRoutes()) {
    const google::protobuf::MethodDescriptor* method =
        google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(route.method);
    if (method == nullptr) continue;  // RestApi refuses to start without it
    const std::string verb =
        absl::AsciiStrToLower(std::string(http::View(boost::beast::http::to_string(route.verb))));
    paths[route.pattern][verb] = Operation(route, *method, schemas);
  }
  schemas.all()["Problem"] = ProblemSchema();
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "ROR — Répertoire Opérationnel des Ressources, API REST"},
            {"version", "v1"},
            {"description",
             "Chaque opération appelle un service (auth, offre, search) ; les corps suivent la "
             "correspondance JSON des messages protobuf. Authentification : Authorization: Bearer "
             "<jeton>. Idempotency-Key donne son request_id à une commande."}}},
          {"servers", json::array({{{"url", "/"}}})},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", std::move(schemas.all())},
            {"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"}}}}}}},
          {"security", json::array({{{"bearer", json::array()}}})}};
}

}  // namespace

json OpenApiDocument(const json& more_paths) { return Build(more_paths); }

}  // namespace ror::gateway::rest
