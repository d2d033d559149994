#pragma once

// The modèles de saisie a service offers, read from a directory of JSON files (protobuf JSON
// mapping of ror.v1.ModeleSaisie), one file per template version, named "<id>.v<version>.json"
// with the id's '/' written '-' ("139-01.v2.json"); see services/offre/modeles/README.md.

#include <filesystem>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/modele_saisie.pb.h"
#include "services/offre/domain/modele_saisie.h"

namespace ror::offre::app {

// Every *.json file of `dir` (not its subdirectories), in file-name order. NOT_FOUND when `dir`
// does not exist; INVALID_ARGUMENT when it is not a directory, or naming each file that cannot be
// read, is not valid JSON of a ModeleSaisie (unknown fields are refused: a misspelt field must
// not silently vanish) or whose name does not match its id and version. An empty directory gives
// no template.
absl::StatusOr<std::vector<v1::ModeleSaisie>> LoadModeleFiles(const std::filesystem::path& dir);

// LoadModeleFiles then ModeleCatalog::Build.
absl::StatusOr<domain::ModeleCatalog> LoadModeleCatalog(const std::filesystem::path& dir,
                                                        const nomenclature::Nomenclatures& codes);

// "139-01.v2.json" for id "139/01", version 2.
std::string ModeleFileName(const v1::ModeleSaisie& m);

}  // namespace ror::offre::app
