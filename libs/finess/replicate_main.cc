// ror-finess-replicate: writes an etalab-format FINESS extract of N establishments grown from a
// real sample, for import benchmarks.
//
//   ror-finess-replicate --source=../shared/data/finess/finess_et_dept01_35.csv
//       --count=100000 --output=/tmp/finess_100k.csv

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "libs/finess/etalab_writer.h"
#include "libs/finess/field_rules.h"
#include "libs/finess/finess_reader.h"
#include "libs/finess/replicate.h"

ABSL_FLAG(std::string, source, "", "FINESS file to replicate (etalab extract or flattened CSV)");
ABSL_FLAG(int64_t, count, 100000, "number of establishments to write");
ABSL_FLAG(std::string, output, "", "extract to write (etalab format, UTF-8)");
ABSL_FLAG(std::string, date, "",
          "extract date YYYY-MM-DD for the manifest; default: the source's, else today");

namespace ror::finess {
namespace {

struct Options {
  std::string source;
  int64_t count = 0;
  std::string output;
  std::string date;
};

absl::Status Run(const Options& options) {
  std::vector<EtablissementRecord> sources;
  int rejections = 0;
  FileInfo info;
  absl::Status read = ReadFinessFile(
      options.source, [&](EtablissementRecord&& record) { sources.push_back(std::move(record)); },
      [&](const Rejection& rejection) {
        ++rejections;
        std::fprintf(stderr, "%s:%d: ignoré : %s\n", options.source.c_str(), rejection.line,
                     rejection.reason.c_str());
      },
      &info);
  if (!read.ok()) return read;

  absl::CivilDay date = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
  if (!options.date.empty()) {
    std::optional<absl::CivilDay> parsed = ParseIsoDate(options.date);
    if (!parsed) {
      return absl::InvalidArgumentError(
          absl::StrCat("--date : « ", options.date, " » (AAAA-MM-JJ attendu)"));
    }
    date = *parsed;
  } else if (info.extract_date) {
    date = *info.extract_date;
  }

  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(options.output.c_str(), "wb"), &std::fclose);
  if (out == nullptr) {
    return absl::UnavailableError(absl::StrCat(options.output, " : écriture impossible"));
  }
  // Like the official extracts: every structureet line, then every geolocalisation line.
  std::string text = EtalabManifestLine(options.count, date) + "\n";
  std::string geolocalisations;
  absl::Status replicated =
      Replicate(sources, options.count, [&](const EtablissementRecord& record) {
        text += EtalabStructureEtLine(record);
        text += '\n';
        geolocalisations += EtalabGeolocalisationLine(record, date);
        geolocalisations += '\n';
        if (text.size() > (1 << 20)) {
          std::fwrite(text.data(), 1, text.size(), out.get());
          text.clear();
        }
      });
  if (!replicated.ok()) return replicated;
  text += geolocalisations;
  std::fwrite(text.data(), 1, text.size(), out.get());
  if (std::fflush(out.get()) != 0 || std::ferror(out.get())) {
    return absl::UnavailableError(absl::StrCat(options.output, " : écriture impossible"));
  }
  std::fprintf(stderr, "%s : %lld établissements écrits à partir de %zu (%d lignes ignorées)\n",
               options.output.c_str(), static_cast<long long>(options.count), sources.size(),
               rejections);
  return absl::OkStatus();
}

}  // namespace
}  // namespace ror::finess

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Écrit un extrait FINESS au format etalab de N établissements répliqués d'un échantillon.\n"
      "  ror-finess-replicate --source=FICHIER --count=N --output=SORTIE");
  absl::ParseCommandLine(argc, argv);
  ror::finess::Options options;
  options.source = absl::GetFlag(FLAGS_source);
  options.count = absl::GetFlag(FLAGS_count);
  options.output = absl::GetFlag(FLAGS_output);
  options.date = absl::GetFlag(FLAGS_date);
  if (options.source.empty() || options.output.empty()) {
    std::fprintf(stderr, "--source et --output sont obligatoires\n");
    return 2;
  }
  absl::Status status = ror::finess::Run(options);
  if (!status.ok()) {
    std::fprintf(stderr, "ror-finess-replicate : %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}
