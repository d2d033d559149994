#include "libs/nomenclature/code_list_file.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/csv_reader.h"
#include "libs/nomenclature/known_deprecations.h"

namespace ror::nomenclature {
namespace {

// The largest national list (J16) is under 200 KB; anything this big is not a code list.
constexpr std::uintmax_t kMaxFileBytes = 64 << 20;

struct Columns {
  size_t code, label, system;
  std::optional<size_t> status;
  size_t count;
};

absl::StatusOr<Columns> ReadHeader(const CsvRecord& header) {
  std::optional<size_t> code, label, system, status;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    std::optional<size_t>* slot = name == "code"          ? &code
                                  : name == "label"       ? &label
                                  : name == "code_system" ? &system
                                  : name == "status"      ? &status
                                                          : nullptr;
    if (slot == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("colonne « ", name, " » inconnue"));
    }
    if (slot->has_value()) {
      return absl::InvalidArgumentError(absl::StrCat("colonne « ", name, " » en double"));
    }
    *slot = i;
  }
  if (!code || !label || !system) {
    return absl::InvalidArgumentError(absl::StrCat(
        "en-tête « ", absl::StrJoin(header.fields, ","),
        " » : colonnes code, label et code_system attendues (status facultative)"));
  }
  return Columns{*code, *label, *system, status, header.fields.size()};
}

absl::StatusOr<bool> ParseStatus(absl::string_view status) {
  if (status.empty() || status == "active") return false;
  if (status == "deprecated") return true;
  return absl::InvalidArgumentError(
      absl::StrCat("statut « ", status, " » inconnu (attendu active ou deprecated)"));
}

bool HasOuterSpace(absl::string_view s) {
  return !s.empty() && (absl::ascii_isspace(s.front()) || absl::ascii_isspace(s.back()));
}

absl::StatusOr<CodeEntry> ReadEntry(const Columns& columns, CsvRecord& record) {
  if (record.fields.size() != columns.count) {
    return absl::InvalidArgumentError(absl::StrCat(
        record.fields.size(), " champs au lieu de ", columns.count,
        record.fields.size() > columns.count ? " (une virgule dans un libellé non cité ?)" : ""));
  }
  CodeEntry entry{.code = std::move(record.fields[columns.code]),
                  .label = std::move(record.fields[columns.label]),
                  .system = std::move(record.fields[columns.system])};
  // Codes are compared byte for byte: a stray space would make a code nobody can type.
  if (HasOuterSpace(entry.code) || HasOuterSpace(entry.system)) {
    return absl::InvalidArgumentError(
        absl::StrCat("espaces autour du code \"", entry.code, "\" ou de son système"));
  }
  if (entry.label.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("libellé vide pour le code ", entry.code));
  }
  if (columns.status) {
    ASSIGN_OR_RETURN(entry.deprecated, ParseStatus(record.fields[*columns.status]));
  } else {
    entry.deprecated = IsKnownDeprecated(entry.system, entry.code);
  }
  return entry;
}

absl::Status AtLine(absl::string_view source, int line, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(source, " : ligne ", line, " : ", status.message()));
}

absl::StatusOr<std::string> ReadFile(const std::filesystem::path& file) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("nomenclature illisible : ", file.string(), " (", error.message(), ")"));
  }
  if (size > kMaxFileBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        file.string(), " : ", size, " octets, trop gros pour une nomenclature (limite ",
        kMaxFileBytes, ")"));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("nomenclature illisible : ", file.string()));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("lecture interrompue : ", file.string()));
  }
  return text;
}

}  // namespace

absl::StatusOr<CodeList> ParseCodeList(ListId id, absl::string_view text,
                                       absl::string_view source) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  if (!records.ok()) {
    return absl::Status(records.status().code(),
                        absl::StrCat(source, " : ", records.status().message()));
  }
  if (records->empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, " : fichier vide (en-tête attendu : "
                                                           "code,label,code_system)"));
  }
  const CsvRecord& header = records->front();
  absl::StatusOr<Columns> columns = ReadHeader(header);
  if (!columns.ok()) return AtLine(source, header.line, columns.status());

  CodeList list(std::move(id), /*complete=*/true);
  for (size_t r = 1; r < records->size(); ++r) {
    CsvRecord& record = (*records)[r];
    absl::StatusOr<CodeEntry> entry = ReadEntry(*columns, record);
    if (!entry.ok()) return AtLine(source, record.line, entry.status());
    if (absl::Status added = list.Add(*std::move(entry)); !added.ok()) {
      return AtLine(source, record.line, added);
    }
  }
  return list;
}

absl::StatusOr<CodeList> LoadCodeListFile(const std::filesystem::path& file) {
  absl::StatusOr<ListId> id = ParseListId(file.stem().string());
  if (!id.ok()) {
    return absl::Status(id.status().code(),
                        absl::StrCat(file.string(), " : ", id.status().message()));
  }
  ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  return ParseCodeList(*std::move(id), text, file.string());
}

}  // namespace ror::nomenclature
