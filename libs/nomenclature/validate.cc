#include "libs/nomenclature/validate.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/nomenclature/list_catalog.h"

namespace ror::nomenclature {
namespace {

// A list this short is spelled out in the message, so the person sees what to type.
constexpr size_t kListedCodesMax = 10;
// A code is user input: a pasted paragraph must not become the message.
constexpr size_t kShownCodeMax = 40;

std::string ShownCode(absl::string_view code) {
  if (code.size() <= kShownCodeMax) return std::string(code);
  size_t cut = kShownCodeMax;
  while (cut > 0 && (static_cast<unsigned char>(code[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return absl::StrCat(code.substr(0, cut), "…");
}

// "TRE_R94-ProfessionSocial" for https://mos.esante.gouv.fr/NOS/TRE_R94-ProfessionSocial/FHIR/…
absl::string_view ShortSystem(absl::string_view system) {
  constexpr absl::string_view kNos = "/NOS/";
  const size_t start = system.find(kNos);
  if (start == absl::string_view::npos) return system;
  absl::string_view rest = system.substr(start + kNos.size());
  return rest.substr(0, rest.find('/'));
}

// "nomenclature J20 (Champ d'activité)", under the name the caller used unless it was the full
// NOS name or URL.
std::string ListForHumans(const CodeList& list, absl::string_view list_id) {
  const bool own_short_name = list_id != list.id() && list_id != list.canonical_url();
  absl::string_view shown = own_short_name ? list_id : absl::string_view(list.short_id());
  absl::string_view title = FrenchTitle(shown);
  return absl::StrCat("nomenclature ", shown, " (", title.empty() ? list.title() : title, ")");
}

// What to add to an unknown_code message: the admitted codes of a short list, and a warning when
// the server holds only part of the list.
std::string UnknownCodeHint(const CodeList& list) {
  std::string hint;
  std::vector<const CodeEntry*> active;
  for (const CodeEntry& entry : list.entries()) {
    if (!entry.deprecated) active.push_back(&entry);
  }
  if (list.complete() && !active.empty() && active.size() <= kListedCodesMax) {
    absl::StrAppend(&hint, " ; codes admis : ",
                    absl::StrJoin(active, ", ", [](std::string* out, const CodeEntry* e) {
                      absl::StrAppend(out, e->code, " (", e->label, ")");
                    }));
  }
  if (!list.complete()) {
    absl::StrAppend(&hint,
                    " ; ce serveur n'en connaît qu'une partie (nomenclatures intégrées) : "
                    "les nomenclatures nationales doivent lui être fournies");
  }
  return hint;
}

void CheckEntry(const CodeList& list, absl::string_view list_id, absl::string_view field,
                const CodeEntry& entry, FieldViolations& out, DeprecatedCodes deprecated) {
  if (entry.deprecated && deprecated == DeprecatedCodes::kRefuse) {
    out.Add(field, "deprecated_code",
            absl::StrCat("code ", entry.code, " (", entry.label, ") obsolète dans la ",
                         ListForHumans(list, list_id),
                         " : il ne peut plus être choisi pour une nouvelle saisie"));
  }
}

// The list a code of `field` is looked up in: FAILED_PRECONDITION when the server lacks it; nullptr
// after adding a `required` violation when `code` is empty (nothing to look up).
absl::StatusOr<const CodeList*> ListForCode(const Nomenclatures& nomenclatures,
                                            absl::string_view list_id, absl::string_view field,
                                            absl::string_view code, FieldViolations& out) {
  const CodeList* list = nomenclatures.Find(list_id);
  if (list == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("nomenclature ", list_id,
                     " non chargée sur ce serveur (source : ", nomenclatures.source(), ")"));
  }
  if (code.empty()) {
    out.Add(field, "required",
            absl::StrCat("code obligatoire (", ListForHumans(*list, list_id), ")"));
    return nullptr;
  }
  return list;
}

}  // namespace

absl::Status Validate(const Nomenclatures& nomenclatures, absl::string_view list_id,
                      absl::string_view field, absl::string_view code, FieldViolations& out,
                      DeprecatedCodes deprecated) {
  absl::StatusOr<const CodeList*> found_list =
      ListForCode(nomenclatures, list_id, field, code, out);
  if (!found_list.ok() || *found_list == nullptr) return found_list.status();
  const CodeList& list = **found_list;
  std::vector<const CodeEntry*> found = list.FindAll(code);
  if (found.empty()) {
    out.Add(field, "unknown_code",
            absl::StrCat("code ", ShownCode(code), " inconnu dans la ",
                         ListForHumans(list, list_id), UnknownCodeHint(list)));
  } else if (found.size() > 1) {
    out.Add(field, "ambiguous_code",
            absl::StrCat("code ", code, " ambigu dans la ", ListForHumans(list, list_id),
                         " : il existe dans plusieurs systèmes de codes (",
                         absl::StrJoin(found, ", ",
                                       [](std::string* s, const CodeEntry* e) {
                                         absl::StrAppend(s, ShortSystem(e->system), " : ",
                                                         e->label);
                                       }),
                         ") ; préciser le système"));
  } else {
    CheckEntry(list, list_id, field, *found.front(), out, deprecated);
  }
  return absl::OkStatus();
}

absl::Status ValidateCoding(const Nomenclatures& nomenclatures, absl::string_view list_id,
                            absl::string_view field, absl::string_view system,
                            absl::string_view code, FieldViolations& out,
                            DeprecatedCodes deprecated) {
  absl::StatusOr<const CodeList*> found_list =
      ListForCode(nomenclatures, list_id, field, code, out);
  if (!found_list.ok() || *found_list == nullptr) return found_list.status();
  const CodeList& list = **found_list;
  const CodeEntry* entry = list.Find(system, code);
  if (entry == nullptr) {
    out.Add(field, "unknown_code",
            absl::StrCat("code ", ShownCode(code), " du système ", ShownCode(ShortSystem(system)),
                         " inconnu dans la ", ListForHumans(list, list_id), UnknownCodeHint(list)));
    return absl::OkStatus();
  }
  CheckEntry(list, list_id, field, *entry, out, deprecated);
  return absl::OkStatus();
}

std::string IndexedField(absl::string_view field, size_t index) {
  return absl::StrCat(field, "[", index, "]");
}

absl::Status ValidateRepeatedCodes(const Nomenclatures& nomenclatures, absl::string_view list_id,
                                   absl::string_view field,
                                   absl::Span<const absl::string_view> codes, FieldViolations& out,
                                   DeprecatedCodes deprecated) {
  absl::flat_hash_map<absl::string_view, size_t> first_seen;
  for (size_t i = 0; i < codes.size(); ++i) {
    auto [it, inserted] = first_seen.try_emplace(codes[i], i);
    if (!inserted && !codes[i].empty()) {
      out.Add(IndexedField(field, i), "duplicate_code",
              absl::StrCat("code ", ShownCode(codes[i]), " déjà donné en ",
                           IndexedField(field, it->second)));
      continue;
    }
    absl::Status status =
        Validate(nomenclatures, list_id, IndexedField(field, i), codes[i], out, deprecated);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

bool IsDeprecated(const Nomenclatures& nomenclatures, absl::string_view list_id,
                  absl::string_view code) {
  const CodeList* list = nomenclatures.Find(list_id);
  if (list == nullptr) return false;
  const CodeEntry* entry = list->Find(code);
  return entry != nullptr && entry->deprecated;
}

}  // namespace ror::nomenclature
