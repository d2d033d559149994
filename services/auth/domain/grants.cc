#include "services/auth/domain/grants.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/finess/finess_number.h"

namespace ror::auth::domain {
namespace {

constexpr std::array<const char*, 18> kRegions = {"01", "02", "03", "04", "06", "11",
                                                  "24", "27", "28", "32", "44", "52",
                                                  "53", "75", "76", "84", "93", "94"};

void NormalizeList(google::protobuf::RepeatedPtrField<std::string>& list) {
  std::vector<std::string> values;
  for (const std::string& value : list) {
    values.push_back(absl::AsciiStrToUpper(absl::StripAsciiWhitespace(value)));
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  list.Clear();
  for (std::string& value : values) list.Add(std::move(value));
}

void CheckFinessList(absl::string_view field,
                     const google::protobuf::RepeatedPtrField<std::string>& list,
                     FieldViolations& v) {
  for (int i = 0; i < list.size(); ++i) {
    if (std::string error = finess::FinessNumberError(list[i]); !error.empty()) {
      v.Add(absl::StrCat(field, "[", i, "]"), "finess", error);
    }
  }
}

}  // namespace

bool IsRegionCode(absl::string_view code) {
  return std::find(kRegions.begin(), kRegions.end(), code) != kRegions.end();
}

AccountGrant NormalizeGrant(AccountGrant grant) {
  grant.set_role(std::string(absl::StripAsciiWhitespace(grant.role())));
  grant.set_region(std::string(absl::StripAsciiWhitespace(grant.region())));
  NormalizeList(*grant.mutable_finess_ej());
  NormalizeList(*grant.mutable_finess_eg());
  return grant;
}

void CheckGrant(absl::string_view field, const AccountGrant& grant, FieldViolations& v) {
  const std::optional<authz::Role> role = authz::RoleFromName(grant.role());
  if (!role.has_value()) {
    v.Add(absl::StrCat(field, ".role"), grant.role().empty() ? "required" : "role",
          "le rôle doit être référent ROR, responsable d'offre, régulateur, gestionnaire de crise "
          "ou administrateur");
    return;
  }
  const std::string region = absl::StrCat(field, ".region");
  if (!grant.region().empty() && !IsRegionCode(grant.region())) {
    v.Add(region, "region", "la région est un code INSEE de région à 2 chiffres (ex. 84)");
  }
  const bool has_finess = !grant.finess_ej().empty() || !grant.finess_eg().empty();
  switch (*role) {
    case authz::Role::kReferentRor:
      if (grant.region().empty()) {
        v.Add(region, "required", "un référent ROR est habilité pour une région");
      }
      break;
    case authz::Role::kResponsableOffre:
      if (!grant.region().empty()) {
        v.Add(region, "not_applicable",
              "un responsable d'offre est habilité par établissement, pas par région");
      }
      if (!has_finess) {
        v.Add(absl::StrCat(field, ".finess_eg"), "required",
              "un responsable d'offre est habilité pour au moins une entité juridique ou un "
              "établissement (FINESS)");
      }
      CheckFinessList(absl::StrCat(field, ".finess_ej"), grant.finess_ej(), v);
      CheckFinessList(absl::StrCat(field, ".finess_eg"), grant.finess_eg(), v);
      return;
    case authz::Role::kRegulateur:
    case authz::Role::kGestionnaireCrise:
    case authz::Role::kAdministrateur:
      break;
  }
  if (has_finess) {
    v.Add(absl::StrCat(field, ".finess_eg"), "not_applicable",
          "seul un responsable d'offre est habilité par établissement");
  }
}

bool SameGrant(const AccountGrant& a, const AccountGrant& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

std::optional<authz::Grant> ToAuthzGrant(const AccountGrant& grant) {
  const std::optional<authz::Role> role = authz::RoleFromName(grant.role());
  if (!role.has_value()) return std::nullopt;
  return authz::Grant{
      .role = *role,
      .region = grant.region(),
      .finess_ej = {grant.finess_ej().begin(), grant.finess_ej().end()},
      .finess_eg = {grant.finess_eg().begin(), grant.finess_eg().end()},
  };
}

}  // namespace ror::auth::domain
