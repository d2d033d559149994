#pragma once

// The set of national code lists a process validates against, immutable once built:
//   - LoadDirectory(dir): every *.csv of a directory (shared/data/nomenclatures, or the directory
//     a service is given by flag) — the national lists as extracted;
//   - BuiltIn(): a handful of lists compiled in, partly truncated, so a service can start for the
//     `./ror up` demo without the directory. A loaded directory replaces it entirely; the two are
//     never merged (a half-national, half-built-in set would be hard to reason about).
//
// A list is found by its short id ("J20", "R338"), its full NOS name ("JDV_J20-ChampActivite-ROR")
// or its canonical URL; a JDV that was not extracted but whose CodeSystem was is found through
// that CodeSystem ("J226" → TRE_R338, see list_catalog.h).

#include <filesystem>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/nomenclature/code_list.h"

namespace ror::nomenclature {

class Nomenclatures {
 public:
  // NOT_FOUND naming `dir` when it does not exist or holds no .csv file; INVALID_ARGUMENT when it
  // is not a directory, a file name is not a list name, or two files are the same list; a file's
  // error names the file and line. Nothing is returned unless every file loads.
  static absl::StatusOr<Nomenclatures> LoadDirectory(const std::filesystem::path& dir);

  // The compiled-in set (built_in.cc): J20 and J203 complete; J17, J19, J55 and J238 only the
  // codes the demo uses (CodeList::complete() is false for those).
  static Nomenclatures BuiltIn();

  // `dir`'s lists (LoadDirectory), or the built-in set when `dir` is empty: what a service's
  // --nomenclatures_dir flag gives.
  static absl::StatusOr<Nomenclatures> LoadDirectoryOrBuiltIn(const std::filesystem::path& dir) {
    if (dir.empty()) return BuiltIn();
    return LoadDirectory(dir);
  }

  // A set from lists already built (tests, tools). INVALID_ARGUMENT when two share a short id.
  static absl::StatusOr<Nomenclatures> FromLists(std::vector<CodeList> lists, std::string source);

  Nomenclatures(Nomenclatures&&) = default;
  Nomenclatures& operator=(Nomenclatures&&) = default;
  // Move-only: CodeList pointers handed out stay valid for the life of the set.
  Nomenclatures(const Nomenclatures&) = delete;
  Nomenclatures& operator=(const Nomenclatures&) = delete;

  // nullptr when no list answers to `list_id`.
  const CodeList* Find(absl::string_view list_id) const;

  // Sorted by short id (J16, J17, …, J238, R203, …).
  const std::vector<CodeList>& lists() const { return lists_; }
  // "intégrées" for BuiltIn(), the directory for LoadDirectory(): for start-up logs.
  const std::string& source() const { return source_; }

 private:
  Nomenclatures() = default;

  std::vector<CodeList> lists_;
  std::string source_;
  absl::flat_hash_map<std::string, size_t> index_;  // any accepted name → position in lists_
};

}  // namespace ror::nomenclature
