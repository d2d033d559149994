#include "libs/nomenclature/code_list.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/nomenclature/list_catalog.h"

namespace ror::nomenclature {

CodeList::CodeList(ListId id, bool complete)
    : id_(std::move(id)), canonical_url_(id_.CanonicalUrl()), complete_(complete) {
  absl::string_view title = FrenchTitle(id_.short_id);
  title_ = title.empty() ? id_.name : std::string(title);
}

absl::Status CodeList::Add(CodeEntry entry) {
  if (entry.code.empty()) return absl::InvalidArgumentError("code vide");
  if (entry.system.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("système de codes (code_system) vide pour le code ", entry.code));
  }
  if (Find(entry.system, entry.code) != nullptr) {
    return absl::AlreadyExistsError(
        absl::StrCat("code ", entry.code, " en double pour le système ", entry.system));
  }
  if (std::find(systems_.begin(), systems_.end(), entry.system) == systems_.end()) {
    systems_.push_back(entry.system);
  }
  by_code_[entry.code].push_back(entries_.size());
  entries_.push_back(std::move(entry));
  return absl::OkStatus();
}

const CodeEntry* CodeList::Find(absl::string_view system, absl::string_view code) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return nullptr;
  for (size_t i : it->second) {
    if (entries_[i].system == system) return &entries_[i];
  }
  return nullptr;
}

const CodeEntry* CodeList::Find(absl::string_view code) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end() || it->second.size() != 1) return nullptr;
  return &entries_[it->second.front()];
}

std::vector<const CodeEntry*> CodeList::FindAll(absl::string_view code) const {
  std::vector<const CodeEntry*> found;
  if (auto it = by_code_.find(code); it != by_code_.end()) {
    for (size_t i : it->second) found.push_back(&entries_[i]);
  }
  return found;
}

}  // namespace ror::nomenclature
