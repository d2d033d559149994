#include "gateway/fhir/type_filter.h"

#include <algorithm>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/directory/directory.h"
#include "gateway/rest/request_target.h"
#include "libs/authz/access_regions.h"
#include "libs/common/proto_time.h"

namespace ror::gateway::fhir {
namespace {

const std::set<std::string>& ParametersOf(const std::string& type) {
  static const auto* offre = new std::set<std::string>{
      "service-type", "service-category", "characteristic", "specialty", "organization", "_tag"};
  static const auto* eg =
      new std::set<std::string>{"identifier", "_id", "partof", "address-postalcode", "_tag"};
  return type == directory::kHealthcareService ? *offre : *eg;
}

// Splits the values at the commas that begin another query ("…,Organization?…"): a comma inside
// a query separates the codes of one of its parameters.
std::vector<std::string> Queries(const std::string& value) {
  std::vector<std::string> queries;
  for (absl::string_view piece : absl::StrSplit(value, ',')) {
    // "Word?": a resource type, known or not (an unknown one is refused, not merged).
    const size_t mark = piece.find('?');
    const bool starts_query = mark != absl::string_view::npos && mark > 0 &&
                              std::all_of(piece.begin(), piece.begin() + mark, absl::ascii_isalpha);
    if (starts_query || queries.empty()) {
      queries.emplace_back(piece);
    } else {
      absl::StrAppend(&queries.back(), ",", piece);
    }
  }
  return queries;
}

bool TimeKept(const Period& period, const google::protobuf::Timestamp& updated_at) {
  const absl::Time at = FromProtoTimestamp(updated_at);
  return (!period.from.has_value() || at >= *period.from) &&
         (!period.until.has_value() || at < *period.until);
}

bool AnyIn(const std::set<std::string>& accepted,
           const google::protobuf::RepeatedPtrField<std::string>& values) {
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string& v) { return accepted.contains(v); });
}

// Whether a filter of `type` keeps the record (`kept` tells for one filter); true when `type` has
// none.
bool AnyKeeps(const std::vector<TypeFilter>& filters, const char* type,
              const std::function<bool(const TypeFilter&)>& kept) {
  bool any_of_type = false;
  for (const TypeFilter& filter : filters) {
    if (filter.type != type) continue;
    if (kept(filter)) return true;
    any_of_type = true;
  }
  return !any_of_type;
}

}  // namespace

absl::StatusOr<std::vector<TypeFilter>> ParseTypeFilters(const std::vector<std::string>& values) {
  std::vector<TypeFilter> filters;
  for (const std::string& value : values) {
    for (const std::string& query : Queries(value)) {
      const size_t mark = query.find('?');
      TypeFilter filter;
      filter.type = query.substr(0, mark);
      if (mark == std::string::npos || (filter.type != directory::kHealthcareService &&
                                        filter.type != directory::kOrganization)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "_typeFilter : « ", query, " » n'est pas HealthcareService?… ou Organization?…"));
      }
      absl::StatusOr<rest::Target> target = rest::ParseTarget(query);
      if (!target.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("_typeFilter : « ", query, " » : ", target.status().message()));
      }
      for (const auto& [name, codes] : target->query) {
        if (name == "_lastUpdated") {
          absl::StatusOr<Period> period = ParseDateParameter(codes);
          if (!period.ok()) {
            return absl::InvalidArgumentError(
                absl::StrCat("_typeFilter : _lastUpdated ", period.status().message()));
          }
          Narrow(filter.last_updated, *period);
          continue;
        }
        if (!ParametersOf(filter.type).contains(name)) {
          return absl::InvalidArgumentError(absl::StrCat(
              "_typeFilter : ", name, " n'est pas un critère de ", filter.type, " à l'export"));
        }
        std::set<std::string>& accepted = filter.codes[name];
        for (absl::string_view code : absl::StrSplit(codes, ',', absl::SkipEmpty())) {
          const size_t bar = code.find('|');
          if (bar != absl::string_view::npos) code = code.substr(bar + 1);
          accepted.emplace(absl::StripPrefix(code, "Organization/"));
        }
      }
      filters.push_back(std::move(filter));
    }
  }
  return filters;
}

bool NeedsRegion(const std::vector<TypeFilter>& filters, const std::string& type) {
  return std::any_of(filters.begin(), filters.end(), [&](const TypeFilter& filter) {
    return filter.type == type && filter.codes.contains("_tag");
  });
}

bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryOffre& offre,
           const v1::gateway::DirectoryEtablissement* eg) {
  const v1::OffreContent& c = offre.content();
  const std::string region =
      eg != nullptr ? authz::RegionOfDepartement(eg->fiche().departement()) : "";
  return AnyKeeps(filters, directory::kHealthcareService, [&](const TypeFilter& filter) {
    bool kept = TimeKept(filter.last_updated, offre.updated_at());
    for (const auto& [name, accepted] : filter.codes) {
      if (!kept) break;
      if (name == "service-type") kept = accepted.contains(c.champ_activite());
      if (name == "service-category") kept = accepted.contains(c.type_offre());
      if (name == "characteristic") kept = accepted.contains(c.mode_prise_en_charge());
      if (name == "specialty") kept = AnyIn(accepted, c.activites_operationnelles());
      if (name == "organization") kept = accepted.contains(offre.finess_eg());
      if (name == "_tag") kept = accepted.contains(region);
    }
    return kept;
  });
}

bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryEtablissement& eg) {
  const v1::EtablissementFiche& fiche = eg.fiche();
  return AnyKeeps(filters, directory::kOrganization, [&](const TypeFilter& filter) {
    bool kept = TimeKept(filter.last_updated, eg.updated_at());
    for (const auto& [name, accepted] : filter.codes) {
      if (!kept) break;
      if (name == "identifier" || name == "_id") kept = accepted.contains(fiche.finess_eg());
      if (name == "partof") kept = accepted.contains(fiche.finess_ej());
      if (name == "address-postalcode") kept = accepted.contains(fiche.code_postal());
      if (name == "_tag") kept = accepted.contains(authz::RegionOfDepartement(fiche.departement()));
    }
    return kept;
  });
}

bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryOrganisation& oi) {
  const std::string& parent = oi.parent_id().empty() ? oi.finess_eg() : oi.parent_id();
  return AnyKeeps(filters, directory::kOrganization, [&](const TypeFilter& filter) {
    bool kept = TimeKept(filter.last_updated, oi.updated_at());
    for (const auto& [name, accepted] : filter.codes) {
      if (!kept) break;
      if (name == "identifier" || name == "_id") kept = accepted.contains(oi.organisation_id());
      if (name == "partof") kept = accepted.contains(parent);
      if (name == "address-postalcode" || name == "_tag") kept = false;
    }
    return kept;
  });
}

bool Keeps(const std::vector<TypeFilter>& filters,
           const v1::gateway::DirectoryEntiteJuridique& ej) {
  const v1::EntiteJuridiqueFiche& fiche = ej.fiche();
  return AnyKeeps(filters, directory::kOrganization, [&](const TypeFilter& filter) {
    bool kept = TimeKept(filter.last_updated, ej.updated_at());
    for (const auto& [name, accepted] : filter.codes) {
      if (!kept) break;
      if (name == "identifier" || name == "_id") kept = accepted.contains(fiche.finess_ej());
      if (name == "partof") kept = false;
      if (name == "address-postalcode") kept = accepted.contains(fiche.code_postal());
      if (name == "_tag") kept = accepted.contains(authz::RegionOfDepartement(fiche.departement()));
    }
    return kept;
  });
}

}  // namespace ror::gateway::fhir
