#pragma once

// The région of a département (INSEE COG, régions of 2016), for the scope of an établissement:
// a référent ROR or a regional administrateur reaches the EGs of his région.

#include <string>
#include <string_view>

namespace ror::authz {

// The INSEE région code ("84") of a département, written as the COG does ("01"…"95", "2A", "2B",
// "971"…"976") or as FINESS does for overseas départements ("9A" Guadeloupe … "9F" Mayotte).
// Empty for an unknown code and for Saint-Pierre-et-Miquelon ("975", "9E"), a collectivité
// d'outre-mer that belongs to no région: its EGs are then reached by national grants only.
std::string RegionOfDepartement(std::string_view departement);

// Whether `code` is the INSEE code of a région ("84", "93", "01" …).
bool IsRegion(std::string_view code);

}  // namespace ror::authz
