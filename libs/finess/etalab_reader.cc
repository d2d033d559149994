#include "libs/finess/etalab_reader.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/finess/etalab_geolocalisation.h"
#include "libs/finess/etalab_structure.h"
#include "libs/finess/etalab_structure_ej.h"
#include "libs/finess/field_rules.h"
#include "libs/finess/finess_number.h"
#include "libs/finess/text_lines.h"

namespace ror::finess {
namespace {

constexpr absl::string_view kStructureTag = "structureet";
constexpr absl::string_view kStructureEjTag = "structureej";
constexpr absl::string_view kGeolocalisationTag = "geolocalisation";

struct GeoSlot {
  Geolocalisation geo;
  bool rejected = false;  // the line was rejected; kept so the establishment's note can say so
  bool used = false;      // a structureet line named this FINESS
};

absl::string_view Tag(absl::string_view line) { return line.substr(0, line.find(';')); }

void Split(absl::string_view line, std::vector<absl::string_view>* fields) {
  fields->clear();
  for (absl::string_view field : absl::StrSplit(line, ';')) fields->push_back(field);
}

// `finess;etalab;<n>;<YYYY-MM-DD>`. Returns why it is malformed, or an empty string.
std::string ReadManifest(const std::vector<absl::string_view>& fields, FileInfo* info) {
  if (fields.size() != 4) {
    return absl::StrCat("manifeste : ", fields.size(),
                        " champs au lieu de 4 (finess;etalab;<nombre>;<AAAA-MM-JJ>)");
  }
  Problems problems;
  int64_t count = 0;
  if (absl::SimpleAtoi(absl::StripAsciiWhitespace(fields[2]), &count) && count >= 0) {
    info->declared_count = count;
  } else {
    problems.Add(absl::StrCat("manifeste : nombre « ", fields[2], " » illisible"));
  }
  std::optional<absl::CivilDay> date;
  problems.Add(CheckDate("manifeste : date", absl::StripAsciiWhitespace(fields[3]), &date));
  if (date) {
    info->extract_date = date;
  } else if (problems.empty()) {
    problems.Add("manifeste : date absente");
  }
  return problems.Join();
}

// First pass: every geolocalisation line, keyed by nofinesset; the lines rejected on their own are
// appended to `rejections` in line order.
absl::flat_hash_map<std::string, GeoSlot> IndexGeolocalisations(
    absl::string_view text, std::vector<Rejection>* rejections) {
  absl::flat_hash_map<std::string, GeoSlot> slots;
  std::vector<absl::string_view> fields;
  ForEachLine(text, [&](int number, absl::string_view line) {
    if (Tag(line) != kGeolocalisationTag) return;
    Split(line, &fields);
    GeoSlot slot;
    slot.geo.line = number;
    std::string reason = ParseGeolocalisation(fields, &slot.geo);
    if (!reason.empty()) {
      rejections->push_back(Rejection{number, slot.geo.finess, std::move(reason)});
      // Remember it when the FINESS is usable, so the establishment says why it has no position.
      if (IsValidFinessNumber(slot.geo.finess)) {
        slot.rejected = true;
        slots.try_emplace(slot.geo.finess, std::move(slot));
      }
      return;
    }
    auto [it, inserted] = slots.try_emplace(slot.geo.finess, slot);
    if (!inserted) {
      rejections->push_back(Rejection{
          number, slot.geo.finess,
          absl::StrCat("geolocalisation en double : déjà donnée ligne ", it->second.geo.line)});
    }
  });
  return slots;
}

// Sets the position (or the reason there is none) of `record` from its geolocalisation.
void Join(GeoSlot* slot, EtablissementRecord* record, FileInfo* info) {
  if (slot == nullptr) {
    record->note_geolocalisation = "aucune ligne geolocalisation pour cet établissement";
    return;
  }
  if (slot->rejected) {
    record->note_geolocalisation =
        absl::StrCat("géolocalisation rejetée (ligne ", slot->geo.line, ")");
    return;
  }
  if (slot->geo.position) {
    record->latitude = slot->geo.position->latitude;
    record->longitude = slot->geo.position->longitude;
    ++info->geolocated;
    return;
  }
  record->note_geolocalisation = slot->geo.note;
  if (slot->geo.not_converted) ++info->not_converted;
}

// A structureej line, met in the second pass so that rejections stay in line order.
// `first_line_of_ej` maps the nofiness of the EJs handed over so far to their line.
void ReadStructureEj(int number, const std::vector<absl::string_view>& fields,
                     const EntiteJuridiqueSink& on_entite_juridique,
                     const RejectionSink& on_rejection,
                     absl::flat_hash_map<std::string, int>* first_line_of_ej) {
  if (!on_entite_juridique) {
    on_rejection(Rejection{
        number, fields.size() > 1 ? std::string(absl::StripAsciiWhitespace(fields[1])) : "",
        "structureej : entité juridique non lue, l'appelant ne lit que les établissements "
        "géographiques (structureet, geolocalisation)"});
    return;
  }
  EntiteJuridiqueRecord record;
  record.line = number;
  std::string reason = ParseStructureEj(fields, &record);
  if (!reason.empty()) {
    on_rejection(Rejection{number, record.finess_ej, std::move(reason)});
    return;
  }
  auto [seen, inserted] = first_line_of_ej->try_emplace(record.finess_ej, number);
  if (!inserted) {
    on_rejection(
        Rejection{number, record.finess_ej,
                  absl::StrCat("nofiness : entité juridique déjà présente ligne ", seen->second)});
    return;
  }
  on_entite_juridique(std::move(record));
}

}  // namespace

void ReadEtalab(absl::string_view text, const RecordSink& on_record,
                const RejectionSink& on_rejection, FileInfo* info,
                const EntiteJuridiqueSink& on_entite_juridique) {
  std::vector<Rejection> geo_rejections;
  absl::flat_hash_map<std::string, GeoSlot> slots = IndexGeolocalisations(text, &geo_rejections);
  size_t next_geo_rejection = 0;
  // Keeps the rejections in line order: those found in the first pass go out as the second pass
  // walks past their lines.
  auto flush_geo_rejections_before = [&](int line) {
    while (next_geo_rejection < geo_rejections.size() &&
           geo_rejections[next_geo_rejection].line < line) {
      on_rejection(geo_rejections[next_geo_rejection++]);
    }
  };

  absl::flat_hash_map<std::string, int> first_line_of;  // nofinesset → structureet line
  first_line_of.reserve(slots.size());
  absl::flat_hash_map<std::string, int> first_line_of_ej;  // nofiness → structureej line
  std::vector<absl::string_view> fields;
  ForEachLine(text, [&](int number, absl::string_view line) {
    flush_geo_rejections_before(number);
    if (absl::StripAsciiWhitespace(line).empty()) return;
    absl::string_view tag = Tag(line);
    if (tag == kGeolocalisationTag) return;  // done in the first pass
    if (number == 1 && tag == "finess") {
      Split(line, &fields);
      std::string reason = ReadManifest(fields, info);
      if (!reason.empty()) on_rejection(Rejection{number, "", std::move(reason)});
      return;
    }
    if (tag == kStructureEjTag) {
      Split(line, &fields);
      ReadStructureEj(number, fields, on_entite_juridique, on_rejection, &first_line_of_ej);
      return;
    }
    if (tag != kStructureTag) {
      on_rejection(
          Rejection{number, "",
                    absl::StrCat("type d'enregistrement « ", tag, " » inconnu (structureet",
                                 on_entite_juridique ? ", structureej" : "",
                                 " ou geolocalisation attendu)")});
      return;
    }

    Split(line, &fields);
    EtablissementRecord record;
    record.line = number;
    std::string reason = ParseStructureEt(fields, &record);
    auto slot = slots.find(record.finess_eg);
    if (slot != slots.end()) slot->second.used = true;
    if (!reason.empty()) {
      on_rejection(Rejection{number, record.finess_eg, std::move(reason)});
      return;
    }
    auto [seen, inserted] = first_line_of.try_emplace(record.finess_eg, number);
    if (!inserted) {
      on_rejection(
          Rejection{number, record.finess_eg,
                    absl::StrCat("nofinesset : établissement déjà présent ligne ", seen->second)});
      return;
    }
    Join(slot == slots.end() ? nullptr : &slot->second, &record, info);
    on_record(std::move(record));
  });
  flush_geo_rejections_before(std::numeric_limits<int>::max());

  std::vector<const GeoSlot*> orphans;
  for (const auto& [finess, slot] : slots) {
    if (!slot.used && !slot.rejected) orphans.push_back(&slot);
  }
  std::sort(orphans.begin(), orphans.end(),
            [](const GeoSlot* a, const GeoSlot* b) { return a->geo.line < b->geo.line; });
  for (const GeoSlot* orphan : orphans) {
    on_rejection(Rejection{orphan->geo.line, orphan->geo.finess,
                           "geolocalisation : aucun établissement (structureet) de ce numéro "
                           "FINESS dans le fichier"});
  }
}

}  // namespace ror::finess
