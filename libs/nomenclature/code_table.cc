#include "libs/nomenclature/code_table.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "libs/nomenclature/known_deprecations.h"
#include "libs/nomenclature/list_id.h"

namespace ror::nomenclature {
namespace {

[[noreturn]] void BrokenTable(absl::string_view what, const absl::Status& status) {
  std::fprintf(stderr, "nomenclatures %s incohérentes : %s\n", std::string(what).c_str(),
               status.ToString().c_str());
  std::abort();
}

}  // namespace

std::vector<CodeList> ListsFromTable(absl::Span<const TablePart> parts, absl::string_view what) {
  std::vector<CodeList> lists;
  for (const TablePart& part : parts) {
    if (lists.empty() || lists.back().id() != part.list) {
      absl::StatusOr<ListId> id = ParseListId(part.list);
      if (!id.ok()) BrokenTable(what, id.status());
      lists.emplace_back(*std::move(id), part.complete);
    }
    for (const TableRow& row : part.rows) {
      absl::Status added = lists.back().Add(
          CodeEntry{.code = row.code,
                    .label = row.label,
                    .system = part.system,
                    .deprecated = row.deprecated || IsKnownDeprecated(part.system, row.code)});
      if (!added.ok()) BrokenTable(what, added);
    }
  }
  return lists;
}

}  // namespace ror::nomenclature
