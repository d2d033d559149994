#pragma once

// Code lists written in the source as tables: the built-in set (built_in.cc) and the supplementary
// lists (supplementary_lists.cc).

#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "libs/nomenclature/code_list.h"

namespace ror::nomenclature {

struct TableRow {
  const char* code;
  const char* label;
  bool deprecated = false;  // besides the concepts known_deprecations.h lists
};

// The rows of one list drawn from one CodeSystem. A list mixing CodeSystems (J203, J225) is given
// as consecutive parts naming the same list; the first part says whether it is complete.
struct TablePart {
  const char* list;    // NOS name: "JDV_J20-ChampActivite-ROR"
  const char* system;  // CodeSystem URL
  bool complete;       // false for a list truncated to the codes the demo uses
  absl::Span<const TableRow> rows;
};

// One CodeList per run of consecutive parts naming the same list, in table order. The table is
// code: a mistake in it (a bad list name, an empty or repeated code) is a programming error, caught
// by the tests, and aborts with a message naming `what` ("intégrées").
std::vector<CodeList> ListsFromTable(absl::Span<const TablePart> parts, absl::string_view what);

}  // namespace ror::nomenclature
