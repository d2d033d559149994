#pragma once

// National lists the offre fiche needs that the extraction in shared/data/nomenclatures lacks:
// J220 fonction du contact (TRE_R251), J222 niveau de confidentialité (TRE_R283) and J225 canal de
// communication (TRE_R200 + TRE_R256 MSSANTE). They are compiled in, complete, from the ANS
// terminology publication (versions noted in supplementary_lists.cc), and added to every set —
// loaded or built-in — that does not hold a file of the same list, so a directory that gains the
// official file takes it instead.

#include <vector>

#include "libs/nomenclature/code_list.h"

namespace ror::nomenclature {

// Appends to `lists` each supplementary list whose short id none of `lists` has.
void AddSupplementaryLists(std::vector<CodeList>& lists);

}  // namespace ror::nomenclature
