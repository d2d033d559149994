#include "libs/nomenclature/nomenclatures.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/code_list_file.h"
#include "libs/nomenclature/list_catalog.h"
#include "libs/nomenclature/supplementary_lists.h"

namespace ror::nomenclature {
namespace {

// "J238" sorts after "J20": letters, then the number.
bool ShortIdLess(const CodeList& a, const CodeList& b) {
  const auto split = [](const std::string& id) {
    size_t letters = 0;
    while (letters < id.size() && absl::ascii_isalpha(id[letters])) ++letters;
    int number = 0;
    (void)absl::SimpleAtoi(absl::string_view(id).substr(letters), &number);
    return std::pair(id.substr(0, letters), number);
  };
  return split(a.short_id()) < split(b.short_id());
}

absl::StatusOr<std::vector<std::filesystem::path>> CsvFiles(const std::filesystem::path& dir) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(dir, error);
  if (error && status.type() != std::filesystem::file_type::not_found) {
    return absl::UnavailableError(absl::StrCat("répertoire des nomenclatures inaccessible : ",
                                               dir.string(), " (", error.message(), ")"));
  }
  if (!std::filesystem::exists(status)) {
    return absl::NotFoundError(
        absl::StrCat("répertoire des nomenclatures introuvable : ", dir.string()));
  }
  if (!std::filesystem::is_directory(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat("le chemin des nomenclatures n'est pas un répertoire : ", dir.string()));
  }
  std::vector<std::filesystem::path> files;
  std::filesystem::directory_iterator it(dir, error);
  for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    const std::filesystem::path& path = it->path();
    if (path.extension() == ".csv" && it->is_regular_file(error)) files.push_back(path);
  }
  if (error) {
    return absl::UnavailableError(absl::StrCat("lecture du répertoire des nomenclatures ",
                                               dir.string(), " impossible : ", error.message()));
  }
  if (files.empty()) {
    return absl::NotFoundError(
        absl::StrCat("aucune nomenclature (fichier .csv) dans le répertoire ", dir.string()));
  }
  std::sort(files.begin(), files.end());  // errors name the same file from run to run
  return files;
}

}  // namespace

absl::StatusOr<Nomenclatures> Nomenclatures::LoadDirectory(const std::filesystem::path& dir) {
  ASSIGN_OR_RETURN(std::vector<std::filesystem::path> files, CsvFiles(dir));
  std::vector<CodeList> lists;
  lists.reserve(files.size());
  for (const std::filesystem::path& file : files) {
    ASSIGN_OR_RETURN(CodeList list, LoadCodeListFile(file));
    lists.push_back(std::move(list));
  }
  AddSupplementaryLists(lists);
  return FromLists(std::move(lists), dir.string());
}

absl::StatusOr<Nomenclatures> Nomenclatures::FromLists(std::vector<CodeList> lists,
                                                       std::string source) {
  Nomenclatures set;
  set.source_ = std::move(source);
  set.lists_ = std::move(lists);
  std::sort(set.lists_.begin(), set.lists_.end(), ShortIdLess);
  for (size_t i = 0; i < set.lists_.size(); ++i) {
    const CodeList& list = set.lists_[i];
    if (!set.index_.try_emplace(list.short_id(), i).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "nomenclature ", list.short_id(), " présente deux fois dans ", set.source_, " : ",
          set.lists_[set.index_[list.short_id()]].id(), " et ", list.id()));
    }
    set.index_.try_emplace(list.id(), i);
    set.index_.try_emplace(list.canonical_url(), i);
  }
  // After the real lists, so a JDV file present for itself wins over its stand-in.
  for (const StandIn& stand_in : StandIns()) {
    auto tre = set.index_.find(stand_in.tre);
    if (tre == set.index_.end()) continue;
    const size_t position = tre->second;  // a copy: the insertion below may rehash
    set.index_.try_emplace(stand_in.jdv, position);
  }
  return set;
}

const CodeList* Nomenclatures::Find(absl::string_view list_id) const {
  auto it = index_.find(list_id);
  return it == index_.end() ? nullptr : &lists_[it->second];
}

}  // namespace ror::nomenclature
