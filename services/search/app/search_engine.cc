#include "services/search/app/search_engine.h"

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "ror/v1/search_read_model.pb.h"
#include "services/search/app/access_filter.h"
#include "services/search/app/csv_writer.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/document_store.h"
#include "services/search/app/extrait.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/query_builder.h"
#include "services/search/app/word_ranking.h"
#include "services/search/domain/criteria_rules.h"
#include "services/search/domain/relaxation.h"
#include "services/search/domain/text_folding.h"

namespace ror::search::app {
namespace {

struct Totals {
  Xapian::doccount etablissements = 0;
  Xapian::doccount offres = 0;
  bool exact = true;
};

// The matches of `query`, exactly up to `exact_up_to`.
Xapian::doccount Count(const Xapian::Database& db, const Xapian::Query& query, bool& exact,
                       Xapian::doccount exact_up_to = kExactCountUpTo) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, 0, exact_up_to);
  if (mset.get_matches_lower_bound() != mset.get_matches_upper_bound()) exact = false;
  return mset.get_matches_estimated();
}

// The totals per type of `query`, whose `page` counted the matches: the établissements (one
// document in six) are counted apart, exactly up to `exact_up_to` and as Xapian's estimates
// beyond; the offres are the rest.
Totals TotalsOf(const Xapian::Database& db, const Xapian::Query& query, const RankedPage& page,
                Xapian::doccount exact_up_to = kExactCountUpTo) {
  Totals totals;
  totals.exact = page.lower == page.upper;
  totals.etablissements = Count(
      db, Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::kTypeEtablissement)),
      totals.exact, exact_up_to);
  totals.offres =
      page.estimated > totals.etablissements ? page.estimated - totals.etablissements : 0;
  return totals;
}

// The query of a tab (a result type).
Xapian::Query TabQuery(const Xapian::Query& query, v1::ResultType type) {
  switch (type) {
    case v1::RESULT_TYPE_ETABLISSEMENT:
      return Xapian::Query(Xapian::Query::OP_FILTER, query,
                           Xapian::Query(schema::kTypeEtablissement));
    case v1::RESULT_TYPE_OFFRE:
      // Excluding the établissements (one document in six) is cheaper than intersecting with
      // the offres (five in six).
      return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                           Xapian::Query(schema::kTypeEtablissement));
    case v1::RESULT_TYPE_PROFESSIONNEL:
      return Xapian::Query::MatchNothing;  // none indexed yet
    default:
      return query;
  }
}

// The order asked for, or the one that fits: relevance for words, distance for a proximity,
// else the name. INVALID_ARGUMENT for a distance without a proximity.
absl::StatusOr<v1::SortOrder> SortOf(v1::SortOrder sort, const v1::SearchCriteria& criteria,
                                     const v1::SearchCriteria* article) {
  const bool has_text =
      !criteria.texte().empty() || (article != nullptr && !article->texte().empty());
  const bool has_proximity =
      criteria.has_proximite() || (article != nullptr && article->has_proximite());
  if (sort == v1::SORT_ORDER_DISTANCE && !has_proximity) {
    FieldViolations violations;
    violations.Add("sort", "requires", "le tri par distance demande un critère de proximité");
    return violations.ToStatus();
  }
  if (sort != v1::SORT_ORDER_UNSPECIFIED) return sort;
  if (has_text) return v1::SORT_ORDER_RELEVANCE;
  return has_proximity ? v1::SORT_ORDER_DISTANCE : v1::SORT_ORDER_NAME;
}

// The query to rank in `sort`'s order: with a proximity, its nearest-first form.
const Xapian::Query& RankedQuery(v1::SortOrder sort, const BuiltQuery& built) {
  return sort == v1::SORT_ORDER_DISTANCE ? built.nearest_first : built.query;
}

// `enquire` ordered as `sort` asks.
void Order(Xapian::Enquire& enquire, v1::SortOrder sort) {
  enquire.set_weighting_scheme(RelevanceWeight());
  if (sort == v1::SORT_ORDER_NAME) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotSortName, false);
  }
}

// Whether `query` matches anything (for « élargir » and « vouliez-vous dire »).
bool AnyMatch(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 1).size() > 0;
}

v1::SearchHit HitOf(const authz::Principal& principal, const v1::search::StoredDocument& stored,
                    const BuiltQuery& built, bool details) {
  v1::SearchHit hit;
  hit.set_type(stored.type());
  hit.set_id(stored.id());
  hit.set_nom(stored.nom());
  *hit.mutable_etablissement() = stored.etablissement();
  AddVisibleTelephones(ViewerOf(principal, stored), stored, hit);
  if (built.circle.has_value() && stored.has_coordonnees()) {
    hit.set_distance_km(domain::HaversineKm(
        built.circle->centre, {.latitude = stored.latitude(), .longitude = stored.longitude()}));
  }
  if (details && stored.type() == v1::RESULT_TYPE_OFFRE) *hit.mutable_details() = stored.details();
  hit.set_fermee(stored.fermee());
  hit.set_reouverture(stored.reouverture());
  return hit;
}

// « Vouliez-vous dire »: each word whose stem the index does not know, replaced by the closest one
// it does.
std::string Corrected(const Xapian::Database& db, const Vocabulary& vocabulary,
                      const std::string& text) {
  const Xapian::Stem stemmer("french");
  std::vector<std::string> words;
  bool changed = false;
  for (std::string& w : SplitWords(domain::Fold(text))) {
    if (db.get_termfreq(schema::StemTerm(stemmer(w))) == 0) {
      const std::string better = vocabulary.Closest(w);
      if (!better.empty()) {
        w = better;
        changed = true;
      }
    }
    words.push_back(std::move(w));
  }
  return changed ? absl::StrJoin(words, " ") : "";
}

const char* TypeName(v1::ResultType type) {
  switch (type) {
    case v1::RESULT_TYPE_ETABLISSEMENT:
      return "établissement";
    case v1::RESULT_TYPE_OFFRE:
      return "offre";
    default:
      return "";
  }
}

}  // namespace

SearchEngine::SearchEngine(SearchIndex& index, const nomenclature::Nomenclatures& codes,
                           const domain::Guide* guide, Xapian::doccount split_from_postings)
    : index_(index), codes_(codes), guide_(guide), ranking_(index, split_from_postings) {}

absl::StatusOr<const v1::SearchCriteria*> SearchEngine::Article(
    const v1::SearchCriteria& criteria, const std::string& guide_article) const {
  RETURN_IF_ERROR(domain::CheckCriteria(criteria, codes_, "criteria."));
  if (guide_article.empty()) return nullptr;
  const v1::GuideArticle* article =
      guide_ == nullptr ? nullptr : guide_->FindArticle(guide_article);
  if (article == nullptr) {
    return absl::NotFoundError(absl::StrCat("guide_article : l'article « ", guide_article,
                                            " » n'existe pas dans le guide"));
  }
  return &article->criteria();
}

absl::StatusOr<v1::SearchResponse> SearchEngine::Search(const authz::Principal& principal,
                                                        const v1::SearchRequest& request) {
  RETURN_IF_ERROR(domain::CheckPaging(request.page_size(), request.page()));
  ASSIGN_OR_RETURN(const v1::SearchCriteria* article,
                   Article(request.criteria(), request.guide_article()));
  v1::SearchCriteria criteria = request.criteria();
  ASSIGN_OR_RETURN(const v1::SortOrder sort, SortOf(request.sort(), criteria, article));
  const int page_size = request.page_size() == 0 ? domain::kDefaultPageSize : request.page_size();
  const Visible visible = VisibleTo(principal);
  v1::SearchResponse response;
  RETURN_IF_ERROR(index_.Read([&](const Xapian::Database& db) -> absl::Status {
    response.Clear();  // a read run again starts from nothing
    criteria = request.criteria();
    ASSIGN_OR_RETURN(
        std::unique_ptr<BuiltQuery> built,
        BuildQuery(db, index_, criteria, v1::RESULT_TYPE_UNSPECIFIED, visible, article));
    const Xapian::doccount offset = request.page() * page_size;
    // The page and the totals in one pass when every type is shown; a tab needs its own page.
    Totals totals;
    RankedPage page;
    const auto run_page = [&]() {
      if (sort == v1::SORT_ORDER_RELEVANCE && built->words.has_value() &&
          request.type() != v1::RESULT_TYPE_PROFESSIONNEL) {
        // Words alone: ranked from their posting lists (word_ranking.h), on both cores.
        page = ranking_.Rank(db, *built->words, request.type(), offset, page_size + 1);
      } else {
        const Xapian::Query& ranked = RankedQuery(sort, *built);
        Xapian::Enquire enquire(db);
        enquire.set_query(request.type() == v1::RESULT_TYPE_UNSPECIFIED
                              ? ranked
                              : TabQuery(ranked, request.type()));
        Order(enquire, sort);
        page = PageOf(enquire.get_mset(offset, page_size + 1, kExactCountUpTo));
      }
      if (request.type() == v1::RESULT_TYPE_UNSPECIFIED) {
        totals = TotalsOf(db, built->query, page);
        return;
      }
      // A tab: its page counts its own type; the other type is counted apart.
      totals = Totals();
      totals.exact = page.lower == page.upper;
      if (request.type() == v1::RESULT_TYPE_ETABLISSEMENT) {
        totals.etablissements = page.estimated;
        totals.offres = Count(db, TabQuery(built->query, v1::RESULT_TYPE_OFFRE), totals.exact);
      } else if (request.type() == v1::RESULT_TYPE_OFFRE) {
        totals.offres = page.estimated;
        totals.etablissements =
            Count(db, TabQuery(built->query, v1::RESULT_TYPE_ETABLISSEMENT), totals.exact);
      } else {  // professionnels: none indexed yet, the others still counted for their tabs
        totals.etablissements =
            Count(db, TabQuery(built->query, v1::RESULT_TYPE_ETABLISSEMENT), totals.exact);
        totals.offres = Count(db, TabQuery(built->query, v1::RESULT_TYPE_OFFRE), totals.exact);
      }
    };
    run_page();
    // « Élargir la recherche »: relax until something is found, saying what was relaxed.
    if (totals.etablissements + totals.offres == 0) {
      v1::SearchCriteria relaxed = criteria;
      while (std::optional<domain::Relaxed> next = domain::RelaxOnce(relaxed)) {
        relaxed = next->criteria;
        if (request.elargir()) response.add_elargissements(next->description);
        ASSIGN_OR_RETURN(
            std::unique_ptr<BuiltQuery> wider,
            BuildQuery(db, index_, relaxed, v1::RESULT_TYPE_UNSPECIFIED, visible, article));
        if (!AnyMatch(db, wider->query)) continue;
        if (!request.elargir()) {
          response.set_elargissement_possible(true);
          break;
        }
        criteria = relaxed;
        built = std::move(wider);
        run_page();
        break;
      }
      if (totals.etablissements + totals.offres == 0) response.clear_elargissements();
    }
    v1::ResultTotals& out = *response.mutable_totals();
    out.set_etablissements(totals.etablissements);
    out.set_offres(totals.offres);
    out.set_professionnels(0);
    out.set_tous(totals.etablissements + totals.offres);
    out.set_exact(totals.exact);

    const bool details = request.level() == v1::RESULT_LEVEL_ANNUAIRE_PLUS;
    Highlighter highlighter(article == nullptr
                                ? criteria.texte()
                                : absl::StrCat(article->texte(), " ", criteria.texte()));
    int shown = 0;
    // The page's stored documents in one read of the store, not one each.
    std::vector<Xapian::Document> page_documents;
    if (!request.ids_only()) {
      for (const RankedHit& ranked : page.hits) {
        if (page_documents.size() == static_cast<size_t>(page_size)) break;
        page_documents.push_back(db.get_document(ranked.docid, Xapian::DOC_ASSUME_VALID));
      }
    }
    const std::vector<v1::search::StoredDocument> page_stored = index_.StoredMany(page_documents);
    for (const RankedHit& ranked : page.hits) {
      if (++shown > page_size) {
        response.set_has_more(true);
        break;
      }
      if (request.ids_only()) {
        // The document's data is its versioned key ("o:<id>@<version>"): no store read.
        const std::string data = db.get_document(ranked.docid, Xapian::DOC_ASSUME_VALID).get_data();
        bool etablissement = false;
        const absl::string_view id = schema::IdOfKey(DocumentKeyOf(data), etablissement);
        v1::SearchHit& hit = *response.add_hits();
        hit.set_type(etablissement ? v1::RESULT_TYPE_ETABLISSEMENT : v1::RESULT_TYPE_OFFRE);
        hit.set_id(std::string(id));
        hit.set_score(ranked.weight);
        continue;
      }
      const v1::search::StoredDocument& stored = page_stored[shown - 1];
      v1::SearchHit hit = HitOf(principal, stored, *built, details);
      hit.set_score(ranked.weight);
      hit.set_extrait(highlighter.Extrait(stored.texte()));
      *response.add_hits() = std::move(hit);
    }
    // « Vouliez-vous dire », proposed only when it finds something this caller may see.
    if (!criteria.texte().empty() && !request.ids_only()) {
      const std::string corrected = Corrected(db, index_.vocabulary(), criteria.texte());
      if (!corrected.empty()) {
        v1::SearchCriteria alternative = criteria;
        alternative.set_texte(corrected);
        ASSIGN_OR_RETURN(
            std::unique_ptr<BuiltQuery> other,
            BuildQuery(db, index_, alternative, v1::RESULT_TYPE_UNSPECIFIED, visible, article));
        if (AnyMatch(db, other->query)) response.set_suggestion(corrected);
      }
    }
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::SuggestResponse> SearchEngine::Suggest(const authz::Principal& principal,
                                                          const v1::SuggestRequest& request) {
  if (request.limit() < 0 || request.limit() > kMaxSuggestions) {
    FieldViolations violations;
    violations.Add("limit", "range", absl::StrCat("au plus ", kMaxSuggestions, " suggestions"));
    return violations.ToStatus();
  }
  if (request.prefix().size() > domain::kMaxTextLength) {
    FieldViolations violations;
    violations.Add("prefix", "max_length",
                   absl::StrCat("au plus ", domain::kMaxTextLength, " caractères"));
    return violations.ToStatus();
  }
  const int limit = request.limit() == 0 ? kMaxSuggestions : request.limit();
  v1::SuggestResponse response;
  const std::string folded = domain::Fold(request.prefix());
  if (absl::StripAsciiWhitespace(folded).empty()) return response;
  const Visible visible = VisibleTo(principal);
  RETURN_IF_ERROR(index_.Read([&](const Xapian::Database& db) -> absl::Status {
    response.Clear();  // a read run again starts from nothing
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_default_op(Xapian::Query::OP_AND);
    // The word being typed stands for its 50 most frequent completions: bounded work per key.
    parser.set_max_expansion(50, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_PARTIAL);
    const Xapian::Query names =
        parser.parse_query(folded, Xapian::QueryParser::FLAG_PARTIAL, schema::kName);
    if (names.empty()) return absl::OkStatus();
    Xapian::Enquire enquire(db);
    enquire.set_query(visible.Restrict(names, Closed::kExcluded));
    // No ranking: the first names that match, so a keystroke costs ten matches, not all of them.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet mset = enquire.get_mset(0, limit);
    BuiltQuery none;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const v1::search::StoredDocument stored = index_.Stored(it.get_document());
      *response.add_hits() = HitOf(principal, stored, none, false);
    }
    return absl::OkStatus();
  }));
  return response;
}

absl::Status SearchEngine::Export(const authz::Principal& principal,
                                  const v1::ExportSearchRequest& request,
                                  const std::function<bool(const std::string& csv)>& write) {
  ASSIGN_OR_RETURN(const v1::SearchCriteria* article,
                   Article(request.criteria(), request.guide_article()));
  const v1::SearchCriteria& criteria = request.criteria();
  ASSIGN_OR_RETURN(const v1::SortOrder sort, SortOf(request.sort(), criteria, article));
  const Visible visible = VisibleTo(principal);
  bool written = false;
  return index_.Read([&](const Xapian::Database& db) -> absl::Status {
    // Run again after the index changed under it: what the reader has is not to be repeated.
    if (written) return absl::AbortedError("l'index a changé pendant l'export ; relancez-le");
    ASSIGN_OR_RETURN(std::unique_ptr<BuiltQuery> built,
                     BuildQuery(db, index_, criteria, request.type(), visible, article));
    Xapian::Enquire enquire(db);
    enquire.set_query(RankedQuery(sort, *built));
    Order(enquire, sort);
    const Xapian::MSet mset = enquire.get_mset(0, kMaxExportRows);
    CsvWriter csv;
    csv.Row({"type", "id", "nom", "finess_eg", "finess_ej", "etablissement", "adresse",
             "code_postal", "commune", "champ_activite", "type_offre", "mode_prise_en_charge",
             "activites_operationnelles", "telephones", "distance_km", "fermee"});
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const v1::search::StoredDocument stored = index_.Stored(it.get_document());
      const v1::SearchHit hit = HitOf(principal, stored, *built, true);
      std::vector<std::string> phones;
      for (const v1::Telephone& phone : hit.telephones()) {
        phones.push_back(absl::StrCat(phone.libelle(), " : ", phone.numero()));
      }
      const v1::EtablissementSummary& eg = hit.etablissement();
      csv.Row({TypeName(hit.type()), hit.id(), hit.nom(), eg.finess_eg(), eg.finess_ej(), eg.nom(),
               eg.adresse(), eg.code_postal(), eg.commune(), hit.details().champ_activite(),
               hit.details().type_offre(), hit.details().mode_prise_en_charge(),
               absl::StrJoin(hit.details().activites_operationnelles(), " | "),
               absl::StrJoin(phones, " | "),
               hit.has_distance_km() ? absl::StrFormat("%.3f", hit.distance_km()) : "",
               hit.fermee() ? "oui" : "non"});
      if (csv.size() >= kCsvChunkBytes) {
        written = true;
        if (!write(csv.Take())) return absl::OkStatus();
      }
    }
    if (csv.size() > 0) {
      written = true;
      write(csv.Take());
    }
    return absl::OkStatus();
  });
}

absl::Status SearchEngine::CountVisible(const authz::Principal& principal,
                                        v1::IndexStatus& status) {
  const Visible visible = VisibleTo(principal);
  return index_.Read([&](const Xapian::Database& db) -> absl::Status {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::Query all = visible.Restrict(EveryDocument(), Closed::kIncluded);
    enquire.set_query(all);
    const Totals totals =
        TotalsOf(db, all, PageOf(enquire.get_mset(0, 0, db.get_doccount())), db.get_doccount());
    status.set_etablissements(totals.etablissements);
    status.set_offres(totals.offres);
    return absl::OkStatus();
  });
}

}  // namespace ror::search::app
