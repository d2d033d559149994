#include "services/search/app/document_builder.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/authz/access_policy.h"
#include "libs/authz/access_regions.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/visibility.h"
#include "services/search/domain/criteria_rules.h"
#include "services/search/domain/geo.h"
#include "services/search/domain/text_folding.h"

namespace ror::search::app {
namespace {

constexpr unsigned kNameWeight = 3;
// Longer words are not indexed (TermGenerator's default), so not in the vocabulary either.
constexpr size_t kMaxWordBytes = 64;
// Ages without a bound: the whole of a life, in days.
constexpr double kNoMaxAgeDays = 200.0 * 365;

void AddTerm(Xapian::Document& doc, absl::string_view prefix, absl::string_view value) {
  if (!value.empty()) doc.add_boolean_term(schema::Term(prefix, value));
}

template <typename Values>
void AddTerms(Xapian::Document& doc, absl::string_view prefix, const Values& values) {
  for (const auto& value : values) AddTerm(doc, prefix, value);
}

std::string NameOf(const v1::EtablissementFiche& fiche) {
  return fiche.raison_sociale_longue().empty() ? fiche.raison_sociale()
                                               : fiche.raison_sociale_longue();
}

// The terms of the recherche avancée's criteria on offres.
void AddOffreCodes(Xapian::Document& doc, const v1::OffreContent& c) {
  AddTerm(doc, schema::kChampActivite, c.champ_activite());
  AddTerm(doc, schema::kModePriseEnCharge, c.mode_prise_en_charge());
  AddTerm(doc, schema::kTypeOffreCode, c.type_offre());
  AddTerms(doc, schema::kActiviteOperationnelle, c.activites_operationnelles());
  AddTerms(doc, schema::kActeSpecifique, c.actes_specifiques());
  AddTerms(doc, schema::kPublic, c.publics());
}

// The EG's position when it has a real one.
std::optional<domain::LatLong> PositionOf(const v1::EtablissementFiche& eg) {
  const domain::LatLong point{.latitude = eg.latitude(), .longitude = eg.longitude()};
  if (!eg.has_coordonnees() || !domain::IsValid(point)) return std::nullopt;
  return point;
}

// Where the EG stands: the terms of the place criteria and of the access function's scope, the
// grid cells and the position slot.
void AddPlace(Xapian::Document& doc, const v1::EtablissementFiche& eg) {
  AddTerm(doc, schema::kFinessEg, eg.finess_eg());
  AddTerm(doc, schema::kFinessEj, eg.finess_ej());
  AddTerm(doc, schema::kSiret, eg.siret());
  AddTerm(doc, schema::kDepartement, eg.departement());
  AddTerm(doc, schema::kRegion, authz::RegionOfDepartement(eg.departement()));
  AddTerm(doc, schema::kCommune, eg.code_commune());
  AddTerm(doc, schema::kCodePostal, eg.code_postal());
  if (const std::optional<domain::LatLong> point = PositionOf(eg)) {
    for (int level = 0; level < domain::kCellLevels; ++level) {
      AddTerm(doc, schema::kGeoCell, domain::CellOf(*point, level));
    }
    doc.add_value(
        schema::kSlotLatLong,
        Xapian::LatLongCoords(Xapian::LatLongCoord(point->latitude, point->longitude)).serialise());
  }
}

void SetSummary(const v1::EtablissementFiche& eg, v1::search::StoredDocument& stored) {
  v1::EtablissementSummary& summary = *stored.mutable_etablissement();
  summary.set_finess_eg(eg.finess_eg());
  summary.set_finess_ej(eg.finess_ej());
  summary.set_nom(NameOf(eg));
  summary.set_adresse(eg.adresse());
  summary.set_code_postal(eg.code_postal());
  summary.set_commune(eg.commune());
  stored.set_region(authz::RegionOfDepartement(eg.departement()));
  if (const std::optional<domain::LatLong> point = PositionOf(eg)) {
    stored.set_has_coordonnees(true);
    stored.set_latitude(point->latitude);
    stored.set_longitude(point->longitude);
  }
  if (!eg.telephone().empty()) {
    v1::search::StoredTelephone& standard = *stored.add_telephones();
    standard.set_libelle("Standard");
    standard.set_numero(eg.telephone());
    // Published by FINESS: open data, as is the desk it reaches.
    standard.set_confidentialite("1");
    standard.set_contact_confidentialite("1");
  }
}

void AddAccessTerms(Xapian::Document& doc, authz::Champ champ, bool sensible, bool closed) {
  for (const std::string& term : HiddenTerms(champ, sensible, closed)) doc.add_boolean_term(term);
}

bool IsPhone(absl::string_view canal) { return canal == "1" || canal == "2"; }

bool VisibleToAnyone(const v1::search::OffreRow& offre) {
  return offre.published() && !offre.closed() && !offre.content().unite_sensible();
}

}  // namespace

std::string Labels::Of(absl::string_view list, absl::string_view code) const {
  const nomenclature::CodeList* found = codes_.Find(list);
  const nomenclature::CodeEntry* entry = found == nullptr ? nullptr : found->Find(code);
  return entry == nullptr ? std::string(code) : entry->label;
}

DocumentBuilder::DocumentBuilder(const Labels& labels) : labels_(labels) {
  terms_.set_stemmer(Xapian::Stem("french"));
}

void DocumentBuilder::Start(Xapian::Document& doc) {
  terms_.set_document(doc);
  words_.clear();
}

void DocumentBuilder::IndexText(absl::string_view text, unsigned weight, Form form) {
  if (text.empty()) return;
  const std::string folded = domain::Fold(text);
  std::string prefix;
  switch (form) {
    case Form::kText:
      LearnWords(folded);
      terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
      break;
    case Form::kName:
      prefix = schema::kName;
      terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
      break;
    case Form::kEtablissementName:
      prefix = schema::kEtablissementName;
      terms_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
      break;
  }
  // Without positions: no phrase search is offered, and the extrait reads the stored text.
  terms_.index_text_without_positions(folded, weight, prefix);
}

void DocumentBuilder::LearnWords(const std::string& folded) {
  for (std::string& word : SplitWords(folded)) words_.push_back(std::move(word));
}

BuiltDocument DocumentBuilder::Finish(Xapian::Document doc, v1::search::StoredDocument stored) {
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  // Stored: read back when the index opens (Vocabulary::Load) and when the document is replaced
  // (Indexer::Replace).
  stored.set_words(absl::StrJoin(words_, " "));
  // The generator keeps a reference to the document, counted without atomics: it lets go here,
  // as the document may go on to another thread.
  terms_.set_document(Xapian::Document());
  return {.doc = std::move(doc), .stored = std::move(stored), .words = std::move(words_)};
}

BuiltDocument DocumentBuilder::Etablissement(const v1::EtablissementFiche& fiche,
                                             const google::protobuf::Timestamp& updated_at,
                                             const std::vector<v1::search::OffreRow>& offres) {
  Xapian::Document doc;
  Start(doc);
  const std::string nom = NameOf(fiche);
  IndexText(nom, kNameWeight, Form::kText);
  IndexText(nom, 1, Form::kName);
  IndexText(nom, 1, Form::kEtablissementName);
  if (fiche.raison_sociale() != nom) IndexText(fiche.raison_sociale(), kNameWeight, Form::kText);
  IndexText(fiche.complement_raison_sociale(), 1, Form::kText);
  IndexText(fiche.adresse(), 1, Form::kText);
  IndexText(fiche.commune(), 1, Form::kText);
  IndexText(fiche.libelle_categorie(), 1, Form::kText);
  doc.add_boolean_term(schema::IdTerm(schema::EtablissementKey(fiche.finess_eg())));
  doc.add_boolean_term(schema::kTypeEtablissement);
  AddPlace(doc, fiche);
  AddAccessTerms(doc, authz::Champ::kUnknown, false, fiche.ferme());
  for (const v1::search::OffreRow& offre : offres) {
    if (!VisibleToAnyone(offre)) continue;
    AddOffreCodes(doc, offre.content());
  }
  doc.add_value(schema::kSlotSortName, domain::Fold(nom));
  doc.add_value(schema::kSlotUpdated, Xapian::sortable_serialise(schema::UnixMicros(updated_at)));

  v1::search::StoredDocument stored;
  stored.set_type(v1::RESULT_TYPE_ETABLISSEMENT);
  stored.set_id(fiche.finess_eg());
  stored.set_nom(nom);
  SetSummary(fiche, stored);
  stored.set_texte(
      absl::StrJoin({nom, fiche.adresse(), fiche.commune(), fiche.libelle_categorie()}, " · "));
  return Finish(std::move(doc), std::move(stored));
}

BuiltDocument DocumentBuilder::Offre(const v1::search::OffreRow& offre,
                                     const v1::EtablissementFiche* eg) {
  const v1::OffreContent& c = offre.content();
  Xapian::Document doc;
  Start(doc);
  IndexText(c.nom(), kNameWeight, Form::kText);
  IndexText(c.nom(), 1, Form::kName);
  v1::OffreDetails details;
  details.set_champ_activite(labels_.Of("J20", c.champ_activite()));
  details.set_type_offre(labels_.Of("J238", c.type_offre()));
  details.set_mode_prise_en_charge(labels_.Of("J19", c.mode_prise_en_charge()));
  for (const std::string& code : c.activites_operationnelles()) {
    details.add_activites_operationnelles(labels_.Of("J17", code));
  }
  for (const std::string& code : c.actes_specifiques()) {
    details.add_actes_specifiques(labels_.Of("J16", code));
  }
  std::vector<std::string> descriptive = {details.type_offre(), details.mode_prise_en_charge()};
  descriptive.insert(descriptive.end(), details.activites_operationnelles().begin(),
                     details.activites_operationnelles().end());
  descriptive.insert(descriptive.end(), details.actes_specifiques().begin(),
                     details.actes_specifiques().end());
  for (const std::string& code : c.specialisations())
    descriptive.push_back(labels_.Of("J35", code));
  for (const std::string& code : c.publics()) descriptive.push_back(labels_.Of("J29", code));
  for (const std::string& text : descriptive) IndexText(text, 1, Form::kText);
  IndexText(details.champ_activite(), 1, Form::kText);
  IndexText(c.commentaire(), 1, Form::kText);
  if (eg != nullptr) {
    IndexText(NameOf(*eg), 1, Form::kText);
    IndexText(NameOf(*eg), 1, Form::kEtablissementName);
    IndexText(eg->commune(), 1, Form::kText);
  }

  doc.add_boolean_term(schema::IdTerm(schema::OffreKey(offre.offre_id())));
  if (eg != nullptr) {
    AddPlace(doc, *eg);
  } else {
    AddTerm(doc, schema::kFinessEg, offre.finess_eg());
  }
  AddAccessTerms(doc, authz::ChampOf(c.champ_activite()), c.unite_sensible(), offre.closed());
  AddOffreCodes(doc, c);
  const double age_min =
      c.has_age_min()
          ? static_cast<double>(domain::AgeInDays(c.age_min(), c.age_min_unite()).value_or(0))
          : 0.0;
  const double age_max =
      c.has_age_max() ? static_cast<double>(domain::AgeInDays(c.age_max(), c.age_max_unite())
                                                .value_or(static_cast<int64_t>(kNoMaxAgeDays)))
                      : kNoMaxAgeDays;
  doc.add_value(schema::kSlotAgeMin, Xapian::sortable_serialise(age_min));
  doc.add_value(schema::kSlotAgeMax, Xapian::sortable_serialise(age_max));
  doc.add_value(schema::kSlotSortName, domain::Fold(c.nom()));
  doc.add_value(schema::kSlotUpdated,
                Xapian::sortable_serialise(schema::UnixMicros(offre.updated_at())));

  v1::search::StoredDocument stored;
  stored.set_type(v1::RESULT_TYPE_OFFRE);
  stored.set_id(offre.offre_id());
  stored.set_nom(c.nom());
  if (eg != nullptr) {
    SetSummary(*eg, stored);
  } else {
    stored.mutable_etablissement()->set_finess_eg(offre.finess_eg());
  }
  stored.set_champ_activite(c.champ_activite());
  stored.set_unite_sensible(c.unite_sensible());
  for (const v1::Contact& contact : c.contacts()) {
    const std::string libelle =
        contact.fonction().empty() ? "Téléphone" : labels_.Of("J220", contact.fonction());
    for (const v1::Telecom& telecom : contact.telecoms()) {
      if (!IsPhone(telecom.canal())) continue;
      v1::search::StoredTelephone& phone = *stored.add_telephones();
      phone.set_libelle(libelle);
      phone.set_numero(telecom.valeur());
      phone.set_confidentialite(telecom.confidentialite());
      phone.set_contact_confidentialite(contact.confidentialite());
    }
  }
  *stored.mutable_details() = std::move(details);
  stored.set_fermee(offre.closed());
  stored.set_reouverture(offre.reopening_date());
  stored.set_texte(absl::StrCat(c.nom(), " · ", absl::StrJoin(descriptive, ", "),
                                c.commentaire().empty() ? "" : " · ", c.commentaire()));
  return Finish(std::move(doc), std::move(stored));
}

std::vector<std::string> SplitWords(absl::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty() && word.size() <= kMaxWordBytes) words.push_back(std::move(word));
    word.clear();
  };
  for (Xapian::Utf8Iterator it(folded.data(), folded.size()); it != Xapian::Utf8Iterator(); ++it) {
    if (Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(word, *it);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::vector<std::string> WordsOf(const v1::search::StoredDocument& stored) {
  return absl::StrSplit(stored.words(), ' ', absl::SkipEmpty());
}

}  // namespace ror::search::app
