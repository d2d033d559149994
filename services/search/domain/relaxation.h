#pragma once

// « Élargir la recherche »: the criteria relaxed one step at a time, least telling first, each
// step said in French so the user knows what was dropped or widened.

#include <optional>
#include <string>
#include <vector>

#include "ror/v1/search.pb.h"

namespace ror::search::domain {

struct Relaxed {
  v1::SearchCriteria criteria;
  std::string description;  // « Critère « Âge » retiré », « Rayon porté de 20 à 40 km »…
};

// The next relaxation of `criteria`; nullopt when nothing is left to relax.
std::optional<Relaxed> RelaxOnce(const v1::SearchCriteria& criteria);

// The département of a commune (INSEE COG); empty for a malformed code.
std::string DepartementOfCommune(const std::string& cog);
// The départements a postal code may lie in: one, or both Corsican ones for 20xxx.
std::vector<std::string> DepartementsOfCodePostal(const std::string& code_postal);

}  // namespace ror::search::domain
