#include "services/search/app/query_builder.h"

#include "absl/strings/str_cat.h"
#include "ror/v1/search_read_model.pb.h"
#include "services/search/app/index_schema.h"
#include "services/search/domain/criteria_rules.h"
#include "services/search/domain/text_folding.h"

namespace ror::search::app {
namespace {

template <typename Values>
std::optional<Xapian::Query> AnyOf(absl::string_view prefix, const Values& values) {
  if (values.empty()) return std::nullopt;
  std::vector<Xapian::Query> terms;
  for (const std::string& value : values) terms.emplace_back(schema::Term(prefix, value));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<v1::search::StoredDocument> StoredOf(const Xapian::Database& db,
                                                   const SearchIndex& index,
                                                   const std::string& id_term) {
  Xapian::PostingIterator it = db.postlist_begin(id_term);
  if (it == db.postlist_end(id_term)) return std::nullopt;
  return index.Stored(db.get_document(*it));
}

}  // namespace

Xapian::Query EveryDocument() { return Xapian::Query(std::string()); }

Xapian::Query ParseText(const Xapian::Database& db, const std::string& text,
                        absl::string_view prefix) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("french"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);  // as the index spells text
  parser.set_default_op(Xapian::Query::OP_AND);
  // Words only: a user's quote or minus sign is not an operator here.
  return parser.parse_query(domain::Fold(text), 0, std::string(prefix));
}

absl::StatusOr<Circle> ResolveProximity(const Xapian::Database& db, const SearchIndex& index,
                                        const v1::Proximity& p) {
  Circle circle{.centre = {}, .radius_km = p.rayon_km()};
  switch (p.centre_case()) {
    case v1::Proximity::kPoint:
      circle.centre = {.latitude = p.point().latitude(), .longitude = p.point().longitude()};
      return circle;
    case v1::Proximity::kFiness: {
      std::optional<v1::search::StoredDocument> eg =
          StoredOf(db, index, schema::IdTerm(schema::EtablissementKey(p.finess())));
      if (!eg.has_value() || !eg->has_coordonnees()) {
        return absl::NotFoundError(absl::StrCat("criteria.proximite.finess : l'établissement ",
                                                p.finess(), " n'a pas de position connue"));
      }
      circle.centre = {.latitude = eg->latitude(), .longitude = eg->longitude()};
      return circle;
    }
    case v1::Proximity::kCommune: {
      const Xapian::Query query(Xapian::Query::OP_AND,
                                Xapian::Query(schema::Term(schema::kCommune, p.commune())),
                                Xapian::Query(schema::kTypeEtablissement));
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      const Xapian::MSet found = enquire.get_mset(0, db.get_doccount());
      double latitude = 0, longitude = 0;
      int count = 0;
      for (auto it = found.begin(); it != found.end(); ++it) {
        const v1::search::StoredDocument stored = index.Stored(it.get_document());
        if (!stored.has_coordonnees()) continue;
        latitude += stored.latitude();
        longitude += stored.longitude();
        ++count;
      }
      if (count == 0) {
        return absl::NotFoundError(absl::StrCat(
            "criteria.proximite.commune : aucune position connue pour la commune ", p.commune()));
      }
      circle.centre = {.latitude = latitude / count, .longitude = longitude / count};
      return circle;
    }
    case v1::Proximity::CENTRE_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("criteria.proximite.centre : obligatoire");
}

namespace {

// The filters of one set of criteria: its lists (OR within each), établissement name and age.
void AddCriteriaFilters(const Xapian::Database& db, const v1::SearchCriteria& c,
                        std::vector<Xapian::Query>& filters) {
  for (const std::optional<Xapian::Query>& any : {
           AnyOf(schema::kFinessEj, c.finess_ej()),
           AnyOf(schema::kFinessEg, c.finess_eg()),
           AnyOf(schema::kSiret, c.siret()),
           AnyOf(schema::kRegion, c.regions()),
           AnyOf(schema::kDepartement, c.departements()),
           AnyOf(schema::kCommune, c.communes()),
           AnyOf(schema::kCodePostal, c.codes_postaux()),
           AnyOf(schema::kChampActivite, c.champs_activite()),
           AnyOf(schema::kActiviteOperationnelle, c.activites_operationnelles()),
           AnyOf(schema::kModePriseEnCharge, c.modes_prise_en_charge()),
           AnyOf(schema::kActeSpecifique, c.actes_specifiques()),
           AnyOf(schema::kTypeOffreCode, c.types_offre()),
           AnyOf(schema::kPublic, c.publics()),
       }) {
    if (any.has_value()) filters.push_back(*any);
  }
  if (!c.etablissement().empty()) {
    Xapian::Query name = ParseText(db, c.etablissement(), schema::kEtablissementName);
    if (!name.empty()) filters.push_back(name);
  }
  if (c.has_age()) {
    const double days =
        static_cast<double>(domain::AgeInDays(c.age().valeur(), c.age().unite()).value_or(0));
    const std::string at = Xapian::sortable_serialise(days);
    filters.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kSlotAgeMin, at);
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotAgeMax, at);
  }
  if (c.has_mis_a_jour()) {
    if (c.mis_a_jour().has_depuis()) {
      filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotUpdated,
                           Xapian::sortable_serialise(schema::UnixMicros(c.mis_a_jour().depuis())));
    }
    if (c.mis_a_jour().has_jusqua()) {
      // Its end excluded: the microsecond before it.
      filters.emplace_back(
          Xapian::Query::OP_VALUE_LE, schema::kSlotUpdated,
          Xapian::sortable_serialise(schema::UnixMicros(c.mis_a_jour().jusqua()) - 1));
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<BuiltQuery>> BuildQuery(const Xapian::Database& db,
                                                       const SearchIndex& index,
                                                       const v1::SearchCriteria& c,
                                                       v1::ResultType type, const Visible& visible,
                                                       const v1::SearchCriteria* article) {
  auto built = std::make_unique<BuiltQuery>();
  std::vector<Xapian::Query> filters;
  switch (type) {
    case v1::RESULT_TYPE_ETABLISSEMENT:
      filters.emplace_back(schema::kTypeEtablissement);
      break;
    case v1::RESULT_TYPE_OFFRE:
      break;  // the établissements are excluded at the end, cheaper than intersecting
    case v1::RESULT_TYPE_PROFESSIONNEL:
      // No professionnel is indexed yet.
      filters.push_back(Xapian::Query::MatchNothing);
      break;
    default:
      break;
  }
  AddCriteriaFilters(db, c, filters);
  if (article != nullptr) AddCriteriaFilters(db, *article, filters);
  const v1::Proximity* proximity = c.has_proximite() ? &c.proximite()
                                   : article != nullptr && article->has_proximite()
                                       ? &article->proximite()
                                       : nullptr;
  if (proximity != nullptr) {
    absl::StatusOr<Circle> circle = ResolveProximity(db, index, *proximity);
    if (!circle.ok()) return circle.status();
    built->circle = *circle;
    std::vector<Xapian::Query> cells;
    for (const std::string& cell : domain::CoveringCells(circle->centre, circle->radius_km)) {
      cells.emplace_back(schema::Term(schema::kGeoCell, cell));
    }
    // The cells narrow the candidates; the posting source keeps those within the radius.
    filters.emplace_back(Xapian::Query::OP_OR, cells.begin(), cells.end());
    built->source =
        std::make_unique<WithinRadius>(index.positions(), circle->centre, circle->radius_km);
  }
  // Every word is required, the article's and the request's alike.
  const std::string texte =
      article == nullptr ? c.texte() : absl::StrCat(article->texte(), " ", c.texte());
  Xapian::Query text = ParseText(db, texte);
  if (text.empty()) text = EveryDocument();  // no words, or only signs
  const Closed closed = c.inclure_fermees() ? Closed::kIncluded : Closed::kExcluded;
  const Xapian::Query criteria =
      filters.empty() ? EveryDocument()
                      : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
  const auto typed = [&](Xapian::Query query) {
    if (type != v1::RESULT_TYPE_OFFRE) return query;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(schema::kTypeEtablissement));
  };
  // The radius filters once per query: nearest_first holds the source as its ranking only.
  const Xapian::Query within =
      built->source == nullptr
          ? criteria
          : Xapian::Query(Xapian::Query::OP_AND, criteria, Xapian::Query(built->source.get()));
  // Without criteria the words alone: a filter by every document would still walk its list.
  const bool words_only = filters.empty() && built->source == nullptr;
  built->query = typed(visible.Restrict(
      words_only ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, within), closed));
  if (words_only && type == v1::RESULT_TYPE_UNSPECIFIED) {
    built->words = WordQueryOf(db, text, visible.Hidden(closed));
  }
  if (built->source != nullptr) {
    // Ranked by the posting source alone: the criteria, text included, only filter.
    built->nearest_first = typed(
        visible.Restrict(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(built->source.get()),
                                       Xapian::Query(Xapian::Query::OP_AND, criteria, text)),
                         closed));
  }
  return built;
}

}  // namespace ror::search::app
