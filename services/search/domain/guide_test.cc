#include "services/search/domain/guide.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/nomenclature/list_id.h"
#include "libs/testing/temp_dir.h"

namespace ror::search::domain {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::StartsWith;

// The guide the repository ships, and the national lists beside the repository (never copied
// into it); ROR_SHARED_DATA, when set, says where shared/data is.
constexpr char kGuideFile[] = ROR_GUIDE_FILE;
constexpr char kNomenclaturesDir[] = ROR_NOMENCLATURES_DIR;

std::filesystem::path NomenclaturesDir() {
  if (const char* shared = std::getenv("ROR_SHARED_DATA"); shared != nullptr && *shared != '\0') {
    return std::filesystem::path(shared) / "nomenclatures";
  }
  return kNomenclaturesDir;
}

constexpr char kR211[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/"
    "TRE-R211-ActiviteOperationnelle";
constexpr char kR227[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R227-ChampActivite/FHIR/TRE-R227-ChampActivite";
constexpr char kR244[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R244-CategorieOrganisation/FHIR/"
    "TRE-R244-CategorieOrganisation";
constexpr char kR239[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R239-PublicPrisEnCharge/FHIR/TRE-R239-PublicPrisEnCharge";

nomenclature::CodeList List(absl::string_view id, bool complete, absl::string_view system,
                            std::vector<std::pair<std::string, std::string>> entries) {
  nomenclature::CodeList list(*nomenclature::ParseListId(id), complete);
  for (auto& [code, label] : entries) {
    EXPECT_OK(list.Add({.code = code, .label = label, .system = std::string(system)}));
  }
  return list;
}

// A small set shaped like the real cases: J17 and J20 complete, J238 partial (as in the built-in
// set), R239 found as J29, and neither J16 nor J19.
nomenclature::Nomenclatures Codes() {
  std::vector<nomenclature::CodeList> lists;
  lists.push_back(
      List("JDV_J17-ActiviteOperationnelle-ROR", true, kR211,
           {{"013", "Cardiologie générale"}, {"157", "Urgences polyvalentes hospitalières"}}));
  lists.push_back(List("JDV_J20-ChampActivite-ROR", true, kR227,
                       {{"01", "Médecine, Chirurgie, Obstétrique (MCO)"}, {"05", "Ville"}}));
  lists.push_back(List("JDV_J238-TypeOffre-ROR", false, kR244, {{"20", "Unité d'urgences"}}));
  lists.push_back(List("TRE_R239-PublicPrisEnCharge", true, kR239,
                       {{"01", "Personnes âgées en perte d'autonomie et aidants"}}));
  absl::StatusOr<nomenclature::Nomenclatures> set =
      nomenclature::Nomenclatures::FromLists(std::move(lists), "test");
  EXPECT_OK(set.status());
  return *std::move(set);
}

// One domaine, two sous-domaines, three articles; tests change one thing in it.
constexpr char kValid[] = R"json({
  "domaines": [{
    "id": "urgences", "titre": "URGENCES", "description": "Adultes, pédiatriques",
    "sous_domaines": [
      {"id": "adultes", "titre": "URGENCES ADULTES", "articles": [
        {"id": "urgences.adultes.cardiaques", "titre": "URGENCES CARDIAQUES",
         "explication": "Urgences cardiologiques.",
         "criteria": {"activites_operationnelles": ["013", "157"], "champs_activite": ["01"]}},
        {"id": "urgences.adultes.sos_medecins", "titre": "SOS MÉDECINS",
         "explication": "SOS Médecins.", "criteria": {"texte": "SOS Médecins"}}
      ]},
      {"id": "ville", "titre": "EN VILLE", "articles": [
        {"id": "urgences.ville.unites", "titre": "UNITÉS D'URGENCES",
         "criteria": {"types_offre": ["20"], "publics": ["01"]}}
      ]}
    ]
  }]
})json";

std::string Replace(absl::string_view text, absl::string_view from, absl::string_view to) {
  EXPECT_TRUE(absl::StrContains(text, from)) << from;
  return absl::StrReplaceAll(text, {{from, to}});
}

std::vector<std::string> ArticleIds(const v1::Guide& guide) {
  std::vector<std::string> ids;
  for (const v1::GuideDomaine& d : guide.domaines()) {
    for (const v1::GuideSousDomaine& s : d.sous_domaines()) {
      for (const v1::GuideArticle& a : s.articles()) ids.push_back(a.id());
    }
  }
  return ids;
}

// ---- The shipped guide ----------------------------------------------------------------------

// What the repository ships, whichever lists it was loaded with.
void ExpectTheShippedGuide(const Guide& guide) {
  const v1::Guide& tree = guide.tree();
  EXPECT_GE(tree.domaines_size(), 6);
  EXPECT_GE(guide.article_count(), 40u);
  EXPECT_EQ(guide.article_count(), ArticleIds(tree).size());

  // URGENCES → URGENCES ADULTES → URGENCES CARDIAQUES, as on the portal's pavés.
  ASSERT_GE(tree.domaines_size(), 1);
  const v1::GuideDomaine& urgences = tree.domaines(0);
  EXPECT_EQ(urgences.id(), "urgences");
  EXPECT_EQ(urgences.titre(), "URGENCES");
  ASSERT_GE(urgences.sous_domaines_size(), 3);
  EXPECT_EQ(urgences.sous_domaines(0).titre(), "URGENCES ADULTES");
  EXPECT_EQ(urgences.sous_domaines(1).titre(), "URGENCES PÉDIATRIQUES");
  EXPECT_EQ(urgences.sous_domaines(2).titre(), "URGENCES PSYCHIATRIQUES");
  ASSERT_GE(urgences.sous_domaines(0).articles_size(), 1);
  const v1::GuideArticle& cardiaques = urgences.sous_domaines(0).articles(0);
  EXPECT_EQ(cardiaques.id(), "urgences.adultes.cardiaques");
  EXPECT_EQ(cardiaques.titre(), "URGENCES CARDIAQUES");
  EXPECT_THAT(cardiaques.criteria().activites_operationnelles(),
              ElementsAre("013", "014", "132", "133"));
  EXPECT_THAT(cardiaques.criteria().modes_prise_en_charge(), ElementsAre("33"));  // urgences

  const v1::GuideArticle* found = guide.FindArticle("urgences.adultes.cardiaques");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found, &cardiaques);
  EXPECT_EQ(guide.FindArticle("urgences.adultes.inconnu"), nullptr);
  EXPECT_EQ(guide.FindArticle(""), nullptr);
  EXPECT_EQ(guide.FindArticle("urgences"), nullptr);  // a domaine is not an article

  // Every article says what it finds, and its id reads as its place in the tree.
  for (const v1::GuideDomaine& d : tree.domaines()) {
    EXPECT_THAT(d.description(), Not(IsEmpty())) << d.id();
    for (const v1::GuideSousDomaine& s : d.sous_domaines()) {
      for (const v1::GuideArticle& a : s.articles()) {
        EXPECT_THAT(a.explication(), Not(IsEmpty())) << a.id();
        EXPECT_THAT(a.id(), StartsWith(absl::StrCat(d.id(), ".", s.id(), "."))) << a.id();
        EXPECT_EQ(guide.FindArticle(a.id()), &a) << a.id();
      }
    }
  }
}

TEST(ShippedGuideTest, LoadsAgainstTheNationalLists) {
  const std::filesystem::path dir = NomenclaturesDir();
  if (!std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "national nomenclatures not found at " << dir
                 << " (shared/data/nomenclatures next to the repository, or $ROR_SHARED_DATA); "
                    "the shipped guide was checked against the built-in lists only";
  }
  ASSERT_OK_AND_ASSIGN(nomenclature::Nomenclatures codes,
                       nomenclature::Nomenclatures::LoadDirectory(dir));
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Load(kGuideFile, codes));
  ExpectTheShippedGuide(guide);
  // Every list the guide uses is in the national set: every code was checked.
  EXPECT_THAT(guide.warnings(), IsEmpty());
}

TEST(ShippedGuideTest, LoadsWithTheBuiltInListsAndSaysWhatWasNotChecked) {
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Load(kGuideFile, codes));
  ExpectTheShippedGuide(guide);
  // The built-in set has no J16 and holds only part of J17 and J238.
  const std::string warnings = absl::StrJoin(guide.warnings(), "\n");
  EXPECT_THAT(warnings, HasSubstr("liste J16 non chargée"));
  EXPECT_THAT(warnings, HasSubstr("liste J17 partielle"));
  // A start-up log line, not the list of codes: ten are named, the count gives the rest.
  for (const std::string& w : guide.warnings()) EXPECT_LE(w.size(), 300u) << w;
}

// ---- FindArticle -------------------------------------------------------------------------------

TEST(GuideTest, FindArticleByIdAndNullptrWhenUnknown) {
  const nomenclature::Nomenclatures codes = Codes();
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Parse(kValid, codes));
  EXPECT_EQ(guide.article_count(), 3u);
  const v1::GuideArticle* article = guide.FindArticle("urgences.ville.unites");
  ASSERT_NE(article, nullptr);
  EXPECT_EQ(article->titre(), "UNITÉS D'URGENCES");
  EXPECT_THAT(article->criteria().types_offre(), ElementsAre("20"));
  EXPECT_EQ(guide.FindArticle("urgences.ville"), nullptr);
  EXPECT_EQ(guide.FindArticle("URGENCES.VILLE.UNITES"), nullptr);
}

TEST(GuideTest, CopiesFindInTheirOwnTree) {
  const nomenclature::Nomenclatures codes = Codes();
  ASSERT_OK_AND_ASSIGN(Guide original, Guide::Parse(kValid, codes));
  const Guide copy = original;
  const Guide moved = std::move(original);
  for (const Guide* g : {&copy, &moved}) {
    const v1::GuideArticle* a = g->FindArticle("urgences.adultes.sos_medecins");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a, &g->tree().domaines(0).sous_domaines(0).articles(1));
    EXPECT_EQ(a->criteria().texte(), "SOS Médecins");
  }
}

TEST(GuideTest, OriginalFieldNamesAndCamelCaseBothParse) {
  const nomenclature::Nomenclatures codes = Codes();
  const std::string camel =
      Replace(Replace(kValid, "activites_operationnelles", "activitesOperationnelles"),
              "sous_domaines", "sousDomaines");
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Parse(camel, codes));
  EXPECT_THAT(
      guide.FindArticle("urgences.adultes.cardiaques")->criteria().activites_operationnelles(),
      ElementsAre("013", "157"));
}

// ---- Lists that cannot be checked ----------------------------------------------------------

TEST(GuideTest, AbsentAndPartialListsAreAcceptedAndReported) {
  const nomenclature::Nomenclatures codes = Codes();
  // J16 and J19 are not in the set; "999" is not in the loaded part of J238.
  const std::string json =
      Replace(kValid, R"("types_offre": ["20"])",
              R"("types_offre": ["20", "999"], "actes_specifiques": ["0460", "0459"],
         "modes_prise_en_charge": ["33"])");
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Parse(json, codes));
  EXPECT_THAT(guide.warnings(),
              ElementsAre("guide de recherche : liste J16 non chargée, 2 code(s) non vérifié(s)",
                          "guide de recherche : liste J19 non chargée, 1 code(s) non vérifié(s)",
                          "guide de recherche : liste J238 partielle, 1 code(s) absent(s) de la "
                          "partie chargée et non vérifié(s) : 999"));
}

TEST(GuideTest, NoWarningWhenEveryCodeWasChecked) {
  const nomenclature::Nomenclatures codes = Codes();
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Parse(kValid, codes));
  EXPECT_THAT(guide.warnings(), IsEmpty());
}

// ---- Bad input: each gives the path and the rule ---------------------------------------------

absl::Status ParseStatus(absl::string_view json) {
  const nomenclature::Nomenclatures codes = Codes();
  return Guide::Parse(json, codes).status();
}

TEST(GuideTest, DuplicateArticleIdNamesBothPlaces) {
  EXPECT_THAT(ParseStatus(Replace(kValid, "urgences.ville.unites", "urgences.adultes.cardiaques")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[1].articles[0].id: identifiant "
                                 "\"urgences.adultes.cardiaques\" déjà utilisé par "
                                 "domaines[0].sous_domaines[0].articles[0]")));
}

TEST(GuideTest, DuplicateSousDomaineIdInOneDomaine) {
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("id": "ville")", R"("id": "adultes")")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[1].id: identifiant \"adultes\" déjà "
                                 "utilisé par domaines[0].sous_domaines[0]")));
}

TEST(GuideTest, MissingOrMalformedId) {
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("id": "urgences.adultes.sos_medecins", )", "")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[0].articles[1].id: identifiant "
                                 "obligatoire")));
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("id": "urgences",)", R"("id": "Urgences adultes",)")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].id: identifiant \"Urgences adultes\" invalide")));
}

TEST(GuideTest, UnknownCodeNamesFieldIndexAndList) {
  EXPECT_THAT(ParseStatus(Replace(kValid, R"(["013", "157"])", R"(["013", "X"])")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[0].articles[0].criteria."
                                 "activites_operationnelles[1]: code \"X\" inconnu de J17")));
  // publics are checked against J29, that is TRE_R239.
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("publics": ["01"])", R"("publics": ["42"])")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[1].articles[0].criteria.publics[0]: "
                                 "code \"42\" inconnu de J29")));
}

TEST(GuideTest, EmptyOrRepeatedCode) {
  EXPECT_THAT(ParseStatus(Replace(kValid, R"(["01"])", R"(["01", ""])")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("articles[0].criteria.champs_activite[1]: code vide")));
  EXPECT_THAT(ParseStatus(Replace(kValid, R"(["013", "157"])", R"(["013", "157", "013"])")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("articles[0].criteria.activites_operationnelles[2]: code "
                                 "\"013\" déjà donné en [0]")));
}

TEST(GuideTest, EmptyTitre) {
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("titre": "URGENCES",)", R"("titre": "  ",)")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].titre: titre obligatoire")));
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("titre": "SOS MÉDECINS",)", "")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[0].articles[1].titre: titre "
                                 "obligatoire")));
}

TEST(GuideTest, ArticleWithoutTextOrCriterion) {
  const std::string message =
      "domaines[0].sous_domaines[0].articles[1].criteria: l'article n'a ni texte ni critère";
  EXPECT_THAT(ParseStatus(Replace(kValid, R"({"texte": "SOS Médecins"})", "{}")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)));
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("criteria": {"texte": "SOS Médecins"})", "")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)));
  // Blank text, or only « include closed offres », selects nothing either.
  EXPECT_THAT(ParseStatus(Replace(kValid, R"({"texte": "SOS Médecins"})",
                                  R"({"texte": "  ", "inclure_fermees": true})")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message)));
}

TEST(GuideTest, EmptyLevels) {
  EXPECT_THAT(ParseStatus("{}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines: le guide ne propose aucun domaine")));
  EXPECT_THAT(
      ParseStatus(R"({"domaines": [{"id": "vide", "titre": "VIDE"}]})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("domaines[0].sous_domaines: le domaine ne propose aucun sous-domaine")));
  EXPECT_THAT(ParseStatus(R"({"domaines": [{"id": "d", "titre": "D", "sous_domaines": [
                 {"id": "s", "titre": "S", "articles": []}]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("domaines[0].sous_domaines[0].articles: le sous-domaine ne "
                                 "propose aucun article")));
}

TEST(GuideTest, AgeAndProximiteOutOfRange) {
  EXPECT_THAT(
      ParseStatus(Replace(kValid, R"({"texte": "SOS Médecins"})",
                          R"({"texte": "SOS Médecins", "age": {"valeur": 3, "unite": "semaines"},
                              "proximite": {"commune": "01053", "rayon_km": 0}})")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("articles[1].criteria.age.unite: unité \"semaines\" inconnue"),
                     HasSubstr("articles[1].criteria.proximite.rayon_km: rayon de 0 km"))));
}

TEST(GuideTest, EveryProblemIsReportedAtOnce) {
  std::string json = Replace(kValid, R"("titre": "URGENCES",)", R"("titre": "",)");
  json = Replace(json, R"(["013", "157"])", R"(["013", "X"])");
  json = Replace(json, "urgences.ville.unites", "urgences.adultes.cardiaques");
  const absl::Status status = ParseStatus(json);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               AllOf(StartsWith("guide de recherche invalide : "),
                                     HasSubstr("domaines[0].titre: titre obligatoire"),
                                     HasSubstr("code \"X\" inconnu de J17"),
                                     HasSubstr("déjà utilisé par"))));
}

TEST(GuideTest, MalformedJson) {
  EXPECT_THAT(ParseStatus(R"({"domaines": [)"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("guide de recherche : JSON invalide pour un ror.v1.Guide")));
  EXPECT_THAT(ParseStatus(""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("JSON invalide")));
  // A misspelt field is refused rather than dropped (here the article's criteria would vanish).
  EXPECT_THAT(ParseStatus(Replace(kValid, R"("criteria": {"texte")", R"("criteres": {"texte")")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("JSON invalide")));
  // A criterion of the wrong type (protobuf's parser takes a lone string for a repeated one).
  EXPECT_THAT(ParseStatus(Replace(kValid, R"({"texte": "SOS Médecins"})",
                                  R"({"age": {"valeur": "trois", "unite": "ans"}})")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("JSON invalide")));
}

// ---- Load ------------------------------------------------------------------------------------

TEST(GuideTest, LoadNamesTheFile) {
  const nomenclature::Nomenclatures codes = Codes();
  ror::testing::TempDir dir;
  EXPECT_THAT(
      Guide::Load(dir.path() / "absent.json", codes),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("guide de recherche introuvable : ")));

  const std::filesystem::path bad = dir.path() / "guide.json";
  {
    std::ofstream out(bad, std::ios::binary);
    out << Replace(kValid, R"(["013", "157"])", R"(["013", "X"])");
  }
  EXPECT_THAT(Guide::Load(bad, codes), StatusIs(absl::StatusCode::kInvalidArgument,
                                                AllOf(StartsWith(absl::StrCat(bad.string(), " : ")),
                                                      HasSubstr("code \"X\" inconnu de J17"))));

  const std::filesystem::path good = dir.path() / "bon.json";
  {
    std::ofstream out(good, std::ios::binary);
    out << kValid;
  }
  ASSERT_OK_AND_ASSIGN(Guide guide, Guide::Load(good, codes));
  EXPECT_THAT(ArticleIds(guide.tree()), SizeIs(3));
}

}  // namespace
}  // namespace ror::search::domain
