#include "tools/rorctl/output.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "libs/common/field_violations.h"
#include "tools/rorctl/commands.h"

namespace ror::rorctl {
namespace {

absl::string_view CodeInFrench(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument: return "requête invalide";
    case absl::StatusCode::kNotFound: return "introuvable";
    case absl::StatusCode::kAlreadyExists: return "existe déjà";
    case absl::StatusCode::kFailedPrecondition: return "refusé par une règle de gestion";
    case absl::StatusCode::kAborted: return "conflit de mise à jour, réessayez";
    case absl::StatusCode::kUnavailable: return "service injoignable ou indisponible";
    case absl::StatusCode::kDeadlineExceeded: return "délai dépassé";
    case absl::StatusCode::kPermissionDenied: return "accès refusé";
    case absl::StatusCode::kUnauthenticated: return "authentification requise";
    case absl::StatusCode::kResourceExhausted: return "service surchargé";
    case absl::StatusCode::kUnimplemented: return "opération inconnue du service";
    default: return "erreur";
  }
}

}  // namespace

std::string DescribeError(const absl::Status& status) {
  std::string out =
      absl::StrCat(CodeInFrench(status.code()), " (", absl::StatusCodeToString(status.code()), ")");
  std::optional<v1::BadRequest> bad = GetBadRequest(status);
  if (!bad.has_value() || bad->field_violations().empty()) {
    return absl::StrCat(out, " : ", status.message());
  }
  // The violations say it all, one per line.
  for (const v1::FieldViolation& v : bad->field_violations()) {
    absl::StrAppend(&out, "\n  - ", v.field(), " : ", v.description(), " [", v.rule(), "]");
  }
  return out;
}

absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) return absl::InternalError(absl::StrCat("JSON : ", status.ToString()));
  return json;
}

absl::Status PrintJson(const google::protobuf::Message& message) {
  absl::StatusOr<std::string> json = ToJson(message);
  if (!json.ok()) return json.status();
  std::printf("%s\n", json->c_str());
  return absl::OkStatus();
}

int UsageError(absl::string_view command, const absl::Status& status) {
  std::fprintf(stderr, "rorctl %s : %s\n(rorctl --help pour l'aide)\n",
               std::string(command).c_str(), std::string(status.message()).c_str());
  return kExitUsage;
}

int Failed(absl::string_view command, const absl::Status& status) {
  std::fprintf(stderr, "rorctl %s : %s\n", std::string(command).c_str(),
               DescribeError(status).c_str());
  return kExitFailed;
}

}  // namespace ror::rorctl
