#pragma once

// How the directory is laid out in the Xapian index: one document per établissement géographique
// and per published offre, each with a unique id term, boolean terms for every criterion of the
// recherche avancée and for the access function, and value slots for sorting, distance and age.
// Writers (document_builder) and readers (query_builder, search_engine) share these names only.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/timestamp.pb.h"

namespace ror::search::app::schema {

// The document's identity: "Q" + DocKey, one per document.
inline constexpr char kIdPrefix[] = "Q";
inline std::string EtablissementKey(absl::string_view finess_eg) {
  return absl::StrCat("e:", finess_eg);
}
inline std::string OffreKey(absl::string_view offre_id) { return absl::StrCat("o:", offre_id); }
inline std::string IdTerm(absl::string_view doc_key) { return absl::StrCat(kIdPrefix, doc_key); }
// The id a document key stands for ("e:<finess>" → the finess), and whether it is an EG's.
inline absl::string_view IdOfKey(absl::string_view doc_key, bool& etablissement) {
  etablissement = doc_key.substr(0, 2) == "e:";
  return doc_key.substr(2);
}

// Free text is indexed as French stems, "Z" + stem (every descriptive field), and, for names,
// also unstemmed under kName (the type-ahead completes them) and stemmed under kEtablissementName,
// "ZXE" + stem (the « établissement » criterion). Only the forms a query reads are written: each
// term costs at every rebuild.
inline std::string StemTerm(absl::string_view stem) { return absl::StrCat("Z", stem); }
inline constexpr char kName[] = "N";
inline constexpr char kEtablissementName[] = "XE";

// Boolean terms: prefix + value (codes as published, identifiers as given).
// The établissements; the offres are every other document (a query excludes the one in six).
inline constexpr char kTypeEtablissement[] = "XTe";
inline constexpr char kFinessEg[] = "XG";
inline constexpr char kFinessEj[] = "XJ";
inline constexpr char kSiret[] = "XS";
inline constexpr char kRegion[] = "XR";
inline constexpr char kDepartement[] = "XD";
inline constexpr char kCommune[] = "XC";
inline constexpr char kCodePostal[] = "XP";
inline constexpr char kChampActivite[] = "XCA";
inline constexpr char kActiviteOperationnelle[] = "XAO";
inline constexpr char kModePriseEnCharge[] = "XM";
inline constexpr char kActeSpecifique[] = "XAS";
inline constexpr char kTypeOffreCode[] = "XTY";
inline constexpr char kPublic[] = "XPU";
inline constexpr char kGeoCell[] = "XK";  // + domain::CellOf
// The access function, decided at indexing, with the closure (visibility.h): per viewer (profile
// 0–5, with or without unités sensibles), kHiddenFromAll when he may not see the document, and
// kHiddenFromOpen when he may not see it or it is closed temporarily. A query excludes one short
// list (the few documents hidden from the caller) instead of intersecting with a list of nearly
// every document, which costs as much as ranking.
inline constexpr char kHiddenFromOpen[] = "XH";
inline constexpr char kHiddenFromAll[] = "XX";

inline std::string Term(absl::string_view prefix, absl::string_view value) {
  return absl::StrCat(prefix, value);
}

// Value slots.
inline constexpr unsigned kSlotSortName = 0;  // folded name, for « ordre alphabétique »
inline constexpr unsigned kSlotLatLong = 1;   // Xapian::LatLongCoords, serialised
inline constexpr unsigned kSlotAgeMin = 2;    // sortable_serialise(days)
inline constexpr unsigned kSlotAgeMax = 3;    // sortable_serialise(days)
inline constexpr unsigned kSlotUpdated = 4;   // sortable_serialise(Unix microseconds)

// What kSlotUpdated holds of a time, and what a query compares it with: whole microseconds, exact
// in a double (below 2^53), so that a bound equal to a change's instant compares equal.
inline double UnixMicros(const google::protobuf::Timestamp& time) {
  return static_cast<double>(time.seconds() * 1'000'000 + time.nanos() / 1000);
}

// Index metadata: which read-model epoch and change the index has caught up with, and the layout
// (this file's and the access policy's) it was built with: another layout is rebuilt.
inline constexpr char kMetaEpoch[] = "ror.epoch";
inline constexpr char kMetaChange[] = "ror.change";
inline constexpr char kMetaLayout[] = "ror.layout";

}  // namespace ror::search::app::schema
