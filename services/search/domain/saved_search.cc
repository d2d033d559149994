#include "services/search/domain/saved_search.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "services/search/domain/text_folding.h"

namespace ror::search::domain {
namespace {

// Decodes the code point at `text[i]`, advancing `i`; an invalid sequence is one byte, returned as
// is (>= 0x80) so that it still takes part in comparisons.
uint32_t NextCodePoint(absl::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  size_t length = 1;
  uint32_t cp = b0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07;
  }
  if (length == 1 || i + length > text.size()) {
    ++i;
    return b0;
  }
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return b0;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

bool HasControlCharacter(absl::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

bool SameContent(v1::SavedSearch a, v1::SavedSearch b) {
  a.clear_saved_at();
  b.clear_saved_at();
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

absl::Status CheckOwner(const SavedSearchesState& state, absl::string_view owner) {
  if (owner.empty()) return absl::InvalidArgumentError("owner: required");
  if (!state.owner.empty() && state.owner != owner) {
    return absl::FailedPreconditionError(
        "les recherches sauvegardées de ce flux appartiennent à un autre utilisateur");
  }
  return absl::OkStatus();
}

SearchSaved Saved(absl::string_view owner, v1::SavedSearch search) {
  SearchSaved event;
  event.set_owner(std::string(owner));
  *event.mutable_search() = std::move(search);
  return event;
}

absl::StatusOr<std::vector<SavedSearchEvent>> DecideSave(const SavedSearchesState& state,
                                                         const SaveSearch& c) {
  RETURN_IF_ERROR(CheckOwner(state, c.owner));
  if (c.search.id().empty()) return absl::InvalidArgumentError("search.id: required");
  const v1::SavedSearch* current = state.Find(c.search.id());
  if (current == nullptr && (c.replace || state.deleted_ids.contains(c.search.id()))) {
    return absl::NotFoundError(
        absl::StrCat("recherche sauvegardée « ", c.search.id(), " » introuvable"));
  }
  RETURN_IF_ERROR(ValidateSavedSearch(c.search));

  v1::SavedSearch search = Normalized(c.search);
  FieldViolations v;
  const std::string key = NomKey(search.nom());
  for (const v1::SavedSearch& other : state.searches) {
    if (other.id() != search.id() && NomKey(other.nom()) == key) {
      v.Add("search.nom", "unique",
            absl::StrCat("vous avez déjà une recherche sauvegardée nommée « ", other.nom(), " »"));
      break;
    }
  }
  if (current == nullptr && state.searches.size() >= kMaxSavedSearches) {
    v.Add("search", "max_count",
          absl::StrCat("vous ne pouvez pas sauvegarder plus de ", kMaxSavedSearches,
                       " recherches ; supprimez-en une d'abord"));
  }
  RETURN_IF_ERROR(v.ToStatus());

  std::vector<SavedSearchEvent> events;
  if (current == nullptr || !SameContent(*current, search)) {
    *search.mutable_saved_at() = ToProtoTimestamp(c.now);
    events.push_back(Saved(c.owner, search));
  }
  if (search.par_defaut()) {
    for (const v1::SavedSearch& other : state.searches) {
      if (other.id() == search.id() || !other.par_defaut()) continue;
      v1::SavedSearch cleared = other;  // its saved_at stays: the user did not save it again
      cleared.set_par_defaut(false);
      events.push_back(Saved(c.owner, std::move(cleared)));
    }
  }
  return events;
}

absl::StatusOr<std::vector<SavedSearchEvent>> DecideDelete(const SavedSearchesState& state,
                                                           const DeleteSavedSearch& c) {
  RETURN_IF_ERROR(CheckOwner(state, c.owner));
  if (state.Find(c.id) == nullptr) {
    if (state.deleted_ids.contains(c.id)) return std::vector<SavedSearchEvent>{};
    return absl::NotFoundError(absl::StrCat("recherche sauvegardée « ", c.id, " » introuvable"));
  }
  SavedSearchDeleted event;
  event.set_owner(c.owner);
  event.set_id(c.id);
  *event.mutable_deleted_at() = ToProtoTimestamp(c.now);
  return std::vector<SavedSearchEvent>{std::move(event)};
}

}  // namespace

const v1::SavedSearch* SavedSearchesState::Find(absl::string_view id) const {
  for (const v1::SavedSearch& s : searches) {
    if (s.id() == id) return &s;
  }
  return nullptr;
}

const v1::SavedSearch* SavedSearchesState::Default() const {
  for (const v1::SavedSearch& s : searches) {
    if (s.par_defaut()) return &s;
  }
  return nullptr;
}

std::string NomKey(absl::string_view nom) {
  // No-break spaces separate words too.
  const std::string folded = absl::StrReplaceAll(Fold(nom), {{"\u00A0", " "}, {"\u202F", " "}});
  return absl::StrJoin(absl::StrSplit(folded, absl::ByAnyChar(" \t\n\r\f\v"), absl::SkipEmpty()),
                       " ");
}

size_t CharacterCount(absl::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    NextCodePoint(text, i);
    ++count;
  }
  return count;
}

v1::SavedSearch Normalized(const v1::SavedSearch& search) {
  v1::SavedSearch normalized = search;
  normalized.set_nom(std::string(absl::StripAsciiWhitespace(search.nom())));
  return normalized;
}

absl::Status ValidateSavedSearch(const v1::SavedSearch& search) {
  FieldViolations v;
  const absl::string_view nom = absl::StripAsciiWhitespace(search.nom());
  if (nom.empty()) {
    v.Add("search.nom", "required", "le nom de la recherche est obligatoire");
  } else if (CharacterCount(nom) > kMaxNomLength) {
    v.Add("search.nom", "max_length",
          absl::StrCat("le nom de la recherche ne doit pas dépasser ", kMaxNomLength,
                       " caractères (", CharacterCount(nom), " saisis)"));
  }
  if (HasControlCharacter(nom)) {
    v.Add("search.nom", "format",
          "le nom de la recherche ne doit pas contenir de caractère de contrôle (tabulation, "
          "retour à la ligne…)");
  }
  if (search.guide_article().size() > kMaxGuideArticleLength) {
    v.Add("search.guide_article", "max_length",
          absl::StrCat("l'article du guide ne doit pas dépasser ", kMaxGuideArticleLength,
                       " octets"));
  }
  if (!v1::ResultType_IsValid(search.type())) {
    v.Add("search.type", "nomenclature",
          absl::StrCat("type de résultat inconnu (", search.type(), ")"));
  }
  if (!v1::SortOrder_IsValid(search.sort())) {
    v.Add("search.sort", "nomenclature",
          absl::StrCat("ordre de tri inconnu (", search.sort(), ")"));
  }
  if (search.ByteSizeLong() > kMaxSearchBytes) {
    v.Add("search", "max_size",
          absl::StrCat("une recherche sauvegardée ne doit pas dépasser ", kMaxSearchBytes / 1024,
                       " Kio de critères"));
  }
  return v.ToStatus();
}

absl::StatusOr<std::vector<SavedSearchEvent>> Decide(const SavedSearchesState& state,
                                                     const SavedSearchCommand& command) {
  return std::visit(
      [&](const auto& c) -> absl::StatusOr<std::vector<SavedSearchEvent>> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, SaveSearch>) {
          return DecideSave(state, c);
        } else {
          return DecideDelete(state, c);
        }
      },
      command);
}

SavedSearchesState Evolve(SavedSearchesState state, const SavedSearchEvent& event) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if (state.owner.empty()) state.owner = e.owner();
        if constexpr (std::is_same_v<E, SearchSaved>) {
          auto it =
              std::find_if(state.searches.begin(), state.searches.end(),
                           [&](const v1::SavedSearch& s) { return s.id() == e.search().id(); });
          if (it == state.searches.end()) {
            state.searches.push_back(e.search());
          } else {
            *it = e.search();
          }
        } else {
          std::erase_if(state.searches, [&](const v1::SavedSearch& s) { return s.id() == e.id(); });
          state.deleted_ids.insert(e.id());
        }
      },
      event);
  ++state.version;
  return state;
}

std::vector<v1::SavedSearch> SortedByNom(const SavedSearchesState& state) {
  struct Keyed {
    std::string key;
    const v1::SavedSearch* search;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(state.searches.size());
  for (const v1::SavedSearch& s : state.searches) keyed.push_back({NomKey(s.nom()), &s});
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.search->nom() != b.search->nom()) return a.search->nom() < b.search->nom();
    return a.search->id() < b.search->id();
  });
  std::vector<v1::SavedSearch> sorted;
  sorted.reserve(keyed.size());
  for (const Keyed& k : keyed) sorted.push_back(*k.search);
  return sorted;
}

}  // namespace ror::search::domain
