#include "libs/nomenclature/list_id.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ror::nomenclature {
namespace {

constexpr absl::string_view kNosBase = "https://mos.esante.gouv.fr/NOS/";

bool IsShortId(absl::string_view id) {
  size_t letters = 0;
  while (letters < id.size() && absl::ascii_isupper(id[letters])) ++letters;
  if (letters == 0 || letters == id.size()) return false;
  for (size_t i = letters; i < id.size(); ++i) {
    if (!absl::ascii_isdigit(id[i])) return false;
  }
  return true;
}

}  // namespace

std::string ListId::CanonicalUrl() const {
  // The FHIR id is the NOS name with its first "_" turned into "-".
  std::string fhir_id = full;
  if (size_t underscore = fhir_id.find('_'); underscore != std::string::npos) {
    fhir_id[underscore] = '-';
  }
  return absl::StrCat(kNosBase, full, "/FHIR/", fhir_id);
}

absl::StatusOr<ListId> ParseListId(absl::string_view full) {
  const auto invalid = [&]() {
    return absl::InvalidArgumentError(absl::StrCat(
        "nom de nomenclature « ", full,
        " » non reconnu : attendu JDV_<id>-<Nom>[-ROR] ou TRE_<id>-<Nom> (ex. "
        "JDV_J20-ChampActivite-ROR, TRE_R338-ModaliteAccueil)"));
  };
  if (!absl::StartsWith(full, "JDV_") && !absl::StartsWith(full, "TRE_")) return invalid();
  absl::string_view rest = full.substr(4);
  const size_t dash = rest.find('-');
  if (dash == absl::string_view::npos) return invalid();
  absl::string_view short_id = rest.substr(0, dash);
  absl::string_view name = rest.substr(dash + 1);
  if (absl::StartsWith(full, "JDV_")) absl::ConsumeSuffix(&name, "-ROR");
  if (!IsShortId(short_id) || name.empty()) return invalid();
  return ListId{.full = std::string(full),
                .short_id = std::string(short_id),
                .name = std::string(name)};
}

}  // namespace ror::nomenclature
