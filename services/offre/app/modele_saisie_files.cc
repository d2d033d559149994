#include "services/offre/app/modele_saisie_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/util/json_util.h"
#include "libs/common/status_macros.h"

namespace ror::offre::app {
namespace {

// The file parsed, or why not (French, for the person who wrote it).
absl::StatusOr<v1::ModeleSaisie> ParseFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) return absl::InvalidArgumentError("lecture impossible");
  v1::ModeleSaisie m;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &m, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON invalide pour un ModeleSaisie : ", std::string(parsed.message())));
  }
  return m;
}

}  // namespace

std::string ModeleFileName(const v1::ModeleSaisie& m) {
  return absl::StrCat(absl::StrReplaceAll(m.id(), {{"/", "-"}}), ".v", m.version(), ".json");
}

absl::StatusOr<std::vector<v1::ModeleSaisie>> LoadModeleFiles(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) {
    return absl::NotFoundError(
        absl::StrCat("répertoire des modèles de saisie introuvable : ", dir.string()));
  }
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("les modèles de saisie ", dir.string(), " ne sont pas un répertoire"));
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".json" && it->is_regular_file(error)) files.push_back(*it);
  }
  if (error) {
    return absl::InvalidArgumentError(absl::StrCat("répertoire des modèles de saisie ",
                                                   dir.string(), " illisible : ", error.message()));
  }
  std::sort(files.begin(), files.end());

  std::vector<v1::ModeleSaisie> modeles;
  std::vector<std::string> problems;  // every bad file at once, not one per start-up attempt
  for (const std::filesystem::path& file : files) {
    const std::string name = file.filename().string();
    absl::StatusOr<v1::ModeleSaisie> m = ParseFile(file);
    if (!m.ok()) {
      problems.push_back(absl::StrCat(name, " : ", m.status().message()));
      continue;
    }
    if (const std::string expected = ModeleFileName(*m); name != expected) {
      problems.push_back(absl::StrCat(name, " : le modèle ", m->id(), " version ", m->version(),
                                      " doit être dans le fichier ", expected));
      continue;
    }
    modeles.push_back(*std::move(m));
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("modèles de saisie de ", dir.string(), " : ", absl::StrJoin(problems, " ; ")));
  }
  return modeles;
}

absl::StatusOr<domain::ModeleCatalog> LoadModeleCatalog(const std::filesystem::path& dir,
                                                        const nomenclature::Nomenclatures& codes) {
  ASSIGN_OR_RETURN(std::vector<v1::ModeleSaisie> modeles, LoadModeleFiles(dir));
  return domain::ModeleCatalog::Build(std::move(modeles), codes);
}

}  // namespace ror::offre::app
