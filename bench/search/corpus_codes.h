#pragma once

// The code lists a benchmark labels its corpus with.

#include <string>

#include "libs/nomenclature/nomenclatures.h"

namespace ror::bench::search {

// The national lists of `dir`; the built-in subset, with a warning on stderr, when they cannot
// be read (labels of codes it lacks are then the codes themselves).
nomenclature::Nomenclatures CorpusCodes(const std::string& dir);

}  // namespace ror::bench::search
