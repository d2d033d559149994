#include "libs/finess/finess_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/finess/csv_reader.h"
#include "libs/finess/etalab_reader.h"
#include "libs/finess/text_lines.h"

namespace ror::finess {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The first line decides: the etalab manifest (or, when an extract comes without it, a first
// record), or the CSV header.
absl::Status DetectFormat(absl::string_view first_line, FinessFormat* format) {
  if (absl::StartsWith(first_line, "finess;etalab") ||
      absl::StartsWith(first_line, "structureet;") ||
      absl::StartsWith(first_line, "structureej;") ||
      absl::StartsWith(first_line, "geolocalisation;")) {
    *format = FinessFormat::kEtalab;
    return absl::OkStatus();
  }
  // The CSV header may order its columns freely; it is recognised by its nofinesset column.
  for (absl::string_view column : absl::StrSplit(first_line, ',')) {
    if (absl::AsciiStrToLower(absl::StripAsciiWhitespace(column)) == "nofinesset") {
      *format = FinessFormat::kFlatCsv;
      return absl::OkStatus();
    }
  }
  absl::string_view shown = first_line.substr(0, 80);
  return absl::InvalidArgumentError(absl::StrCat(
      "format FINESS non reconnu : la première ligne « ", shown,
      first_line.size() > shown.size() ? "…" : "",
      " » n'est ni le manifeste etalab (finess;etalab;…) ni un en-tête CSV avec la colonne "
      "nofinesset"));
}

absl::Status ReadWholeFile(const std::string& path, std::string* contents) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr) {
    int error = errno;
    std::string message = absl::StrCat("fichier FINESS ", path, " : ", std::strerror(error));
    if (error == ENOENT || error == ENOTDIR) return absl::NotFoundError(message);
    return absl::UnavailableError(message);
  }
  contents->clear();
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) contents->append(buffer, n);
  if (std::ferror(file.get())) {
    return absl::UnavailableError(
        absl::StrCat("fichier FINESS ", path, " : lecture impossible : ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view FinessFormatName(FinessFormat format) {
  switch (format) {
    case FinessFormat::kEtalab:
      return "etalab";
    case FinessFormat::kFlatCsv:
      return "CSV à plat";
  }
  return "inconnu";
}

absl::Status ReadFinessText(absl::string_view contents, const RecordSink& on_record,
                            const RejectionSink& on_rejection, FileInfo* info,
                            const EntiteJuridiqueSink& on_entite_juridique) {
  FileInfo local_info;
  if (info == nullptr) info = &local_info;
  *info = FileInfo();

  if (absl::StartsWith(contents, kUtf8Bom)) contents.remove_prefix(kUtf8Bom.size());
  std::string converted;
  DecodeResult decoded = DecodeToUtf8(contents, &converted);
  absl::string_view text = decoded.converted ? absl::string_view(converted) : contents;
  info->encoding = decoded.encoding;
  info->latin1_lines = decoded.latin1_lines;
  info->lines = CountLines(text);
  if (info->lines == 0) return absl::InvalidArgumentError("fichier FINESS vide");
  if (absl::Status status = DetectFormat(FirstLine(text), &info->format); !status.ok()) {
    return status;
  }

  RecordSink count_record = [&](EtablissementRecord&& record) {
    ++info->records;
    on_record(std::move(record));
  };
  RejectionSink count_rejection = [&](const Rejection& rejection) {
    ++info->rejections;
    on_rejection(rejection);
  };
  if (info->format == FinessFormat::kFlatCsv) {
    return ReadFlatCsv(text, count_record, count_rejection, info);
  }
  // Stays null when the caller's is: the etalab reader rejects structureej lines then.
  EntiteJuridiqueSink count_entite_juridique;
  if (on_entite_juridique) {
    count_entite_juridique = [&](EntiteJuridiqueRecord&& record) {
      ++info->entites_juridiques;
      on_entite_juridique(std::move(record));
    };
  }
  ReadEtalab(text, count_record, count_rejection, info, count_entite_juridique);
  return absl::OkStatus();
}

absl::Status ReadFinessFile(const std::string& path, const RecordSink& on_record,
                            const RejectionSink& on_rejection, FileInfo* info,
                            const EntiteJuridiqueSink& on_entite_juridique) {
  std::string contents;
  if (absl::Status status = ReadWholeFile(path, &contents); !status.ok()) return status;
  absl::Status status =
      ReadFinessText(contents, on_record, on_rejection, info, on_entite_juridique);
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat(path, " : ", status.message()));
  }
  return absl::OkStatus();
}

}  // namespace ror::finess
