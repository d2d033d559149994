#include "services/offre/domain/modele_saisie.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/nomenclature/list_id.h"

namespace ror::offre::domain {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsNull;
using ::testing::Pointee;
using ::testing::Property;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

constexpr char kR239[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R239-PublicPrisEnCharge/FHIR/TRE-R239-PublicPrisEnCharge";
constexpr char kR338[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R338-ModaliteAccueil/FHIR/TRE-R338-ModaliteAccueil";

// The built-in set, plus J29 and J226 (R338, with its deprecated code 12) to test lists the
// built-in set lacks.
nomenclature::Nomenclatures Codes() {
  std::vector<nomenclature::CodeList> lists;
  const nomenclature::Nomenclatures built_in = nomenclature::Nomenclatures::BuiltIn();
  for (const nomenclature::CodeList& list : built_in.lists()) lists.push_back(list);
  nomenclature::CodeList r239(*nomenclature::ParseListId("TRE_R239-PublicPrisEnCharge"), false);
  EXPECT_OK(r239.Add(
      {.code = "01", .label = "Personnes âgées en perte d'autonomie et aidants", .system = kR239}));
  EXPECT_OK(r239.Add({.code = "03", .label = "Personnes âgées autonomes", .system = kR239}));
  lists.push_back(std::move(r239));
  nomenclature::CodeList r338(*nomenclature::ParseListId("TRE_R338-ModaliteAccueil"), false);
  EXPECT_OK(r338.Add({.code = "01", .label = "Accueil séquentiel accepté", .system = kR338}));
  EXPECT_OK(r338.Add({.code = "12",
                      .label = "Téléexpertise en plus de 7 jours",
                      .system = kR338,
                      .deprecated = true}));
  lists.push_back(std::move(r338));
  absl::StatusOr<nomenclature::Nomenclatures> set =
      nomenclature::Nomenclatures::FromLists(std::move(lists), "test");
  EXPECT_OK(set.status());
  return *std::move(set);
}

v1::ChampRestreint Restriction(std::string champ, std::vector<std::string> codes) {
  v1::ChampRestreint r;
  r.set_champ(std::move(champ));
  for (std::string& code : codes) r.add_codes(std::move(code));
  return r;
}

// A valid template: chirurgie viscérale, MCO, in CHR and CH.
v1::ModeleSaisie Chirurgie(int32_t version = 1) {
  v1::ModeleSaisie m;
  m.set_id("139/01");
  m.set_version(version);
  m.set_titre("Unité hospitalière de chirurgie viscérale et digestive");
  m.add_categories_eg("101");
  m.add_categories_eg("355");
  m.add_champs_activite("01");
  m.mutable_prefill()->set_champ_activite("01");
  m.mutable_prefill()->set_type_offre("153");
  m.mutable_prefill()->set_mode_prise_en_charge("28");
  m.mutable_prefill()->add_activites_operationnelles("033");
  *m.add_restrictions() = Restriction("type_offre", {"153"});
  *m.add_restrictions() = Restriction("mode_prise_en_charge", {"28", "29"});
  *m.add_restrictions() = Restriction("activites_operationnelles", {"033", "474"});
  return m;
}

v1::ModeleSaisie Ehpad() {
  v1::ModeleSaisie m;
  m.set_id("500/01");
  m.set_version(1);
  m.set_titre("Hébergement en EHPAD");
  m.add_categories_eg("500");
  m.add_champs_activite("04");
  *m.add_restrictions() = Restriction("mode_prise_en_charge", {"46", "47", "48"});
  return m;
}

v1::ModeleSaisie Gynecologie() {
  v1::ModeleSaisie m;
  m.set_id("MS-141");
  m.set_version(1);
  m.set_titre("Unité hospitalière de gynécologie");
  for (const char* categorie : {"101", "106", "355"}) m.add_categories_eg(categorie);
  m.add_champs_activite("01");
  m.mutable_prefill()->set_type_offre("157");
  return m;
}

class ModeleSaisieTest : public ::testing::Test {
 protected:
  // The fields of the BadRequest of Build(modeles), or the status when Build does not refuse them
  // with one.
  std::vector<std::string> BuildErrors(std::vector<v1::ModeleSaisie> modeles) {
    absl::StatusOr<ModeleCatalog> catalog = ModeleCatalog::Build(std::move(modeles), codes_);
    EXPECT_THAT(catalog.status(), StatusIs(absl::StatusCode::kInvalidArgument));
    std::optional<v1::BadRequest> bad = GetBadRequest(catalog.status());
    std::vector<std::string> fields;
    if (!bad.has_value()) return fields;
    for (const auto& v : bad->field_violations()) {
      fields.push_back(absl::StrCat(v.field(), " ", v.rule()));
    }
    return fields;
  }

  ModeleCatalog Catalog(std::vector<v1::ModeleSaisie> modeles) {
    absl::StatusOr<ModeleCatalog> catalog = ModeleCatalog::Build(std::move(modeles), codes_);
    EXPECT_OK(catalog.status());
    return catalog.ok() ? *std::move(catalog) : ModeleCatalog::Empty();
  }

  const nomenclature::Nomenclatures codes_ = Codes();
};

// --- Build ---

TEST_F(ModeleSaisieTest, GivenValidTemplatesWhenBuiltThenEveryVersionIsKept) {
  ModeleCatalog catalog = Catalog({Chirurgie(2), Ehpad(), Chirurgie(1), Gynecologie()});
  EXPECT_EQ(catalog.size(), 4u);
  std::vector<std::string> order;
  for (const v1::ModeleSaisie& m : catalog.all())
    order.push_back(absl::StrCat(m.id(), "@", m.version()));
  EXPECT_THAT(order, ElementsAre("139/01@1", "139/01@2", "500/01@1", "MS-141@1"));
}

TEST_F(ModeleSaisieTest, EmptyCatalogKnowsNothing) {
  ModeleCatalog catalog = ModeleCatalog::Empty();
  EXPECT_EQ(catalog.size(), 0u);
  EXPECT_THAT(catalog.Latest("139/01"), IsNull());
  EXPECT_THAT(catalog.Find("139/01", 1), IsNull());
  EXPECT_THAT(catalog.Applicable("101", "01"), IsEmpty());
  ASSERT_OK_AND_ASSIGN(ModeleCatalog built, ModeleCatalog::Build({}, codes_));
  EXPECT_EQ(built.size(), 0u);
}

TEST_F(ModeleSaisieTest, IdMustBeGivenAndSane) {
  v1::ModeleSaisie empty = Chirurgie();
  empty.clear_id();
  v1::ModeleSaisie spaces = Chirurgie();
  spaces.set_id("139 01");
  v1::ModeleSaisie slash_first = Chirurgie();
  slash_first.set_id("/139");
  v1::ModeleSaisie too_long = Chirurgie();
  too_long.set_id(std::string(kModeleIdMaxLength + 1, 'A'));
  v1::ModeleSaisie longest = Gynecologie();
  longest.set_id(std::string(kModeleIdMaxLength, 'A'));
  EXPECT_THAT(BuildErrors({empty, spaces, slash_first, too_long, longest}),
              ElementsAre("modeles[0] v1.id required", "139 01 v1.id format", "/139 v1.id format",
                          absl::StrCat(too_long.id(), " v1.id format")));
  EXPECT_OK(ModeleCatalog::Build({longest, Ehpad()}, codes_).status());
}

TEST_F(ModeleSaisieTest, ErrorMessageNamesTheTemplateAndTheRule) {
  v1::ModeleSaisie m = Chirurgie(0);
  EXPECT_THAT(ModeleCatalog::Build({m}, codes_).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("139/01 v0.version : la version d'un modèle de saisie commence "
                                 "à 1 (0 donnée)")));
}

TEST_F(ModeleSaisieTest, VersionStartsAtOne) {
  EXPECT_THAT(BuildErrors({Chirurgie(0), Chirurgie(-3)}),
              ElementsAre("139/01 v0.version range", "139/01 v-3.version range"));
}

TEST_F(ModeleSaisieTest, SameIdAndVersionTwiceIsRefused) {
  v1::ModeleSaisie other = Chirurgie(2);
  other.set_titre("Une autre");
  EXPECT_THAT(BuildErrors({Chirurgie(1), Chirurgie(2), other}),
              ElementsAre("139/01 v2.version duplicate"));
}

TEST_F(ModeleSaisieTest, TitreIsRequired) {
  v1::ModeleSaisie m = Chirurgie();
  m.set_titre("  ");
  EXPECT_THAT(BuildErrors({m}), ElementsAre("139/01 v1.titre required"));
}

TEST_F(ModeleSaisieTest, CategoriesAndChampsAreRequired) {
  v1::ModeleSaisie m = Ehpad();
  m.clear_categories_eg();
  m.clear_champs_activite();
  EXPECT_THAT(BuildErrors({m}), ElementsAre("500/01 v1.categories_eg required",
                                            "500/01 v1.champs_activite required"));
}

TEST_F(ModeleSaisieTest, CategoriesMustBeOfJ55AndChampsOfJ20) {
  v1::ModeleSaisie m = Ehpad();
  m.add_categories_eg("999");
  m.add_categories_eg("500");
  m.add_champs_activite("07");
  EXPECT_THAT(BuildErrors({m}), ElementsAre("500/01 v1.categories_eg[1] unknown_code",
                                            "500/01 v1.categories_eg[2] duplicate_code",
                                            "500/01 v1.champs_activite[1] unknown_code"));
}

TEST_F(ModeleSaisieTest, RestrictionMustNameACodedFieldOnceWithCodes) {
  v1::ModeleSaisie m = Ehpad();
  *m.add_restrictions() = Restriction("nom", {"EHPAD"});
  *m.add_restrictions() = Restriction("mode_prise_en_charge", {"46"});
  *m.add_restrictions() = Restriction("type_offre", {});
  EXPECT_THAT(BuildErrors({m}), ElementsAre("500/01 v1.restrictions[1].champ coded_field",
                                            "500/01 v1.restrictions[2].champ duplicate",
                                            "500/01 v1.restrictions[3].codes required"));
  absl::Status status = ModeleCatalog::Build({m}, codes_).status();
  EXPECT_THAT(status.message(), HasSubstr("« nom » n'est pas un champ codé de l'offre"));
}

TEST_F(ModeleSaisieTest, RestrictedCodesMustBeOfTheFieldsNationalListAndNotDeprecated) {
  v1::ModeleSaisie m = Ehpad();
  *m.add_restrictions() = Restriction("type_offre", {"21", "9999"});
  *m.add_restrictions() = Restriction("publics", {"01", "77"});
  *m.add_restrictions() = Restriction("modalites_accueil", {"01", "12"});
  EXPECT_THAT(BuildErrors({m}), ElementsAre("500/01 v1.restrictions[1].codes[1] unknown_code",
                                            "500/01 v1.restrictions[2].codes[1] unknown_code",
                                            "500/01 v1.restrictions[3].codes[1] deprecated_code"));
}

TEST_F(ModeleSaisieTest, PrefillMustBeOfTheNationalListsAndWithinTheTemplatesRestrictions) {
  v1::ModeleSaisie m = Chirurgie();
  m.mutable_prefill()->set_type_offre("157");                 // J238, but not proposed
  m.mutable_prefill()->set_mode_prise_en_charge("99");        // not in J19
  m.mutable_prefill()->add_activites_operationnelles("474");  // proposed
  m.mutable_prefill()->add_activites_operationnelles("013");  // J17, but not proposed
  m.mutable_prefill()->add_publics("77");                     // not in J29, no restriction
  m.mutable_prefill()->set_champ_activite("04");              // not a champ of the template
  EXPECT_THAT(BuildErrors({m}),
              UnorderedElementsAre("139/01 v1.prefill.type_offre restriction",
                                   "139/01 v1.prefill.mode_prise_en_charge unknown_code",
                                   "139/01 v1.prefill.mode_prise_en_charge restriction",
                                   "139/01 v1.prefill.activites_operationnelles[2] restriction",
                                   "139/01 v1.prefill.publics[0] unknown_code",
                                   "139/01 v1.prefill.champ_activite restriction"));
}

TEST_F(ModeleSaisieTest, BooleansAndTheTemplateReferenceAreNotPrefilled) {
  v1::ModeleSaisie m = Ehpad();
  m.mutable_prefill()->set_unite_sensible(true);
  m.mutable_prefill()->set_modele_saisie("500/01");
  m.mutable_prefill()->set_modele_saisie_version(1);
  EXPECT_THAT(BuildErrors({m}),
              ElementsAre("500/01 v1.prefill.unite_sensible not_prefillable",
                          "500/01 v1.prefill.modele_saisie not_prefillable",
                          "500/01 v1.prefill.modele_saisie_version not_prefillable"));
}

TEST_F(ModeleSaisieTest, EveryProblemOfEveryTemplateIsReportedAtOnce) {
  v1::ModeleSaisie a = Chirurgie();
  a.clear_titre();
  v1::ModeleSaisie b = Ehpad();
  b.set_version(0);
  EXPECT_THAT(BuildErrors({a, b}),
              ElementsAre("139/01 v1.titre required", "500/01 v0.version range"));
}

TEST_F(ModeleSaisieTest, AListTheServiceLacksIsAFailedPrecondition) {
  v1::ModeleSaisie m = Ehpad();
  *m.add_restrictions() = Restriction("publics", {"01"});
  const nomenclature::Nomenclatures built_in = nomenclature::Nomenclatures::BuiltIn();
  EXPECT_THAT(ModeleCatalog::Build({m}, built_in).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("500/01 v1")));
}

// --- Latest, Find, Applicable ---

TEST_F(ModeleSaisieTest, LatestIsTheHighestVersionAndFindIsExact) {
  ModeleCatalog catalog = Catalog({Chirurgie(1), Chirurgie(3), Ehpad(), Gynecologie()});
  EXPECT_THAT(catalog.Latest("139/01"), Pointee(Property(&v1::ModeleSaisie::version, 3)));
  EXPECT_THAT(catalog.Latest("500/01"), Pointee(Property(&v1::ModeleSaisie::version, 1)));
  EXPECT_THAT(catalog.Latest("139"), IsNull());
  EXPECT_THAT(catalog.Latest("139/01/"), IsNull());
  EXPECT_THAT(catalog.Latest("ZZZ"), IsNull());
  EXPECT_THAT(catalog.Latest(""), IsNull());
  EXPECT_THAT(catalog.Find("139/01", 1), Pointee(Property(&v1::ModeleSaisie::version, 1)));
  EXPECT_THAT(catalog.Find("139/01", 3), Pointee(Property(&v1::ModeleSaisie::version, 3)));
  EXPECT_THAT(catalog.Find("139/01", 2), IsNull());
  EXPECT_THAT(catalog.Find("MS-141", 2), IsNull());
  EXPECT_THAT(catalog.Find("MS-141", 1), Pointee(Property(&v1::ModeleSaisie::id, "MS-141")));
}

TEST_F(ModeleSaisieTest, PointersOutliveTheCatalogTheyCameFromWhileACopyLives) {
  const v1::ModeleSaisie* m = nullptr;
  ModeleCatalog copy = ModeleCatalog::Empty();
  {
    ModeleCatalog catalog = Catalog({Chirurgie()});
    copy = catalog;
    m = catalog.Latest("139/01");
  }
  EXPECT_EQ(copy.Latest("139/01"), m);
  EXPECT_EQ(m->titre(), "Unité hospitalière de chirurgie viscérale et digestive");
}

std::vector<std::string> Ids(const std::vector<const v1::ModeleSaisie*>& modeles) {
  std::vector<std::string> ids;
  for (const v1::ModeleSaisie* m : modeles) ids.push_back(absl::StrCat(m->id(), "@", m->version()));
  return ids;
}

TEST_F(ModeleSaisieTest, ApplicableAreTheLatestVersionsForTheCategoryAndChampSortedById) {
  v1::ModeleSaisie v2 = Chirurgie(2);
  v2.add_categories_eg("106");  // v1 did not apply to 106
  ModeleCatalog catalog = Catalog({Gynecologie(), v2, Chirurgie(1), Ehpad()});
  EXPECT_THAT(Ids(catalog.Applicable("101", "01")), ElementsAre("139/01@2", "MS-141@1"));
  EXPECT_THAT(Ids(catalog.Applicable("101", "")), ElementsAre("139/01@2", "MS-141@1"));
  EXPECT_THAT(Ids(catalog.Applicable("106", "01")), ElementsAre("139/01@2", "MS-141@1"));
  EXPECT_THAT(Ids(catalog.Applicable("101", "04")), IsEmpty());
  EXPECT_THAT(Ids(catalog.Applicable("500", "04")), ElementsAre("500/01@1"));
  EXPECT_THAT(Ids(catalog.Applicable("500", "")), ElementsAre("500/01@1"));
  EXPECT_THAT(Ids(catalog.Applicable("292", "")), IsEmpty());
  EXPECT_THAT(Ids(catalog.Applicable("", "")), IsEmpty());
}

TEST_F(ModeleSaisieTest, AWithdrawnLatestVersionHidesTheTemplateButStaysFindable) {
  v1::ModeleSaisie v2 = Chirurgie(2);
  v2.set_retire(true);
  ModeleCatalog catalog = Catalog({Chirurgie(1), v2, Gynecologie()});
  EXPECT_THAT(Ids(catalog.Applicable("101", "01")), ElementsAre("MS-141@1"));
  EXPECT_THAT(catalog.Latest("139/01"), Pointee(Property(&v1::ModeleSaisie::retire, true)));
  EXPECT_THAT(catalog.Find("139/01", 1), Pointee(Property(&v1::ModeleSaisie::retire, false)));
}

// --- CheckApplicable ---

std::vector<std::string> Messages(const FieldViolations& v, absl::string_view field) {
  std::vector<std::string> messages;
  for (const auto& violation : v.bad_request().field_violations()) {
    EXPECT_EQ(violation.field(), field);
    EXPECT_EQ(violation.rule(), "modele_saisie");
    messages.push_back(violation.description());
  }
  return messages;
}

TEST_F(ModeleSaisieTest, CheckApplicableAcceptsAMatchingTemplate) {
  FieldViolations v;
  CheckApplicable(Chirurgie(), "355", "01", "modele_saisie", v);
  CheckApplicable(Chirurgie(), "355", "", "modele_saisie", v);
  EXPECT_TRUE(v.empty());
}

TEST_F(ModeleSaisieTest, CheckApplicableNamesTheTemplateAndTheCategory) {
  FieldViolations v;
  CheckApplicable(Chirurgie(2), "500", "01", "modele_saisie", v);
  EXPECT_THAT(Messages(v, "modele_saisie"),
              ElementsAre("le modèle de saisie 139/01 « Unité hospitalière de chirurgie viscérale "
                          "et digestive » (version 2) ne s'applique pas aux établissements de "
                          "catégorie 500 (catégories du modèle : 101, 355)"));
}

TEST_F(ModeleSaisieTest, CheckApplicableNamesTheChamp) {
  FieldViolations v;
  CheckApplicable(Chirurgie(), "101", "04", "request.modele_saisie", v);
  EXPECT_THAT(Messages(v, "request.modele_saisie"),
              ElementsAre(AllOf(HasSubstr("139/01 « Unité hospitalière"),
                                HasSubstr("ne s'applique pas au champ d'activité 04"),
                                HasSubstr("champs du modèle : 01"))));
}

TEST_F(ModeleSaisieTest, CheckApplicableRefusesAWithdrawnTemplateAndAnUnknownCategory) {
  v1::ModeleSaisie m = Ehpad();
  m.set_retire(true);
  FieldViolations v;
  CheckApplicable(m, "", "04", "modele_saisie", v);
  EXPECT_THAT(Messages(v, "modele_saisie"),
              ElementsAre(HasSubstr("500/01 « Hébergement en EHPAD » (version 1) est retiré"),
                          HasSubstr("la catégorie de l'établissement n'est pas connue")));
}

// --- ApplyPrefill ---

TEST_F(ModeleSaisieTest, PrefillFillsWhatIsEmptyAndRecordsTheTemplate) {
  v1::OffreContent typed;
  typed.set_nom("HC Chirurgie digestive");
  v1::OffreContent c = ApplyPrefill(Chirurgie(2), typed);
  EXPECT_EQ(c.nom(), "HC Chirurgie digestive");
  EXPECT_EQ(c.champ_activite(), "01");
  EXPECT_EQ(c.type_offre(), "153");
  EXPECT_EQ(c.mode_prise_en_charge(), "28");
  EXPECT_THAT(c.activites_operationnelles(), ElementsAre("033"));
  EXPECT_EQ(c.modele_saisie(), "139/01");
  EXPECT_EQ(c.modele_saisie_version(), 2);
}

TEST_F(ModeleSaisieTest, PrefillNeverOverridesWhatTheReferentTyped) {
  v1::ModeleSaisie m = Chirurgie();
  m.mutable_prefill()->set_nom("HC Chirurgie viscérale");
  m.mutable_prefill()->add_publics("01");
  m.mutable_prefill()->set_age_min(18);
  m.mutable_prefill()->set_age_min_unite("ans");
  m.mutable_prefill()->set_age_max(120);
  m.mutable_prefill()->set_age_max_unite("ans");
  m.mutable_prefill()->set_commentaire("Modèle 139/01");
  v1::OffreContent typed;
  typed.set_nom("HJ Chirurgie");
  typed.set_mode_prise_en_charge("29");
  typed.add_activites_operationnelles("474");
  typed.add_activites_operationnelles("999");
  typed.set_age_min(0);  // typed, even if zero
  typed.set_age_min_unite("jours");
  typed.set_age_max_unite("mois");  // a unit without an age: the référent's, left alone
  typed.set_modele_saisie("autre");
  v1::OffreContent c = ApplyPrefill(m, typed);
  EXPECT_EQ(c.nom(), "HJ Chirurgie");
  EXPECT_EQ(c.mode_prise_en_charge(), "29");
  EXPECT_THAT(c.activites_operationnelles(), ElementsAre("474", "999"));
  EXPECT_EQ(c.age_min(), 0);
  EXPECT_EQ(c.age_min_unite(), "jours");
  EXPECT_FALSE(c.has_age_max());
  EXPECT_EQ(c.age_max_unite(), "mois");
  // What was empty is filled.
  EXPECT_EQ(c.type_offre(), "153");
  EXPECT_THAT(c.publics(), ElementsAre("01"));
  EXPECT_EQ(c.commentaire(), "Modèle 139/01");
  // The template chosen is the one recorded, whatever the content said.
  EXPECT_EQ(c.modele_saisie(), "139/01");
  EXPECT_EQ(c.modele_saisie_version(), 1);
}

TEST_F(ModeleSaisieTest, PrefillGivesAnAgeWithItsUnit) {
  v1::ModeleSaisie m = Ehpad();
  m.mutable_prefill()->set_age_min(60);
  m.mutable_prefill()->set_age_min_unite("ans");
  v1::OffreContent c = ApplyPrefill(m, v1::OffreContent());
  EXPECT_TRUE(c.has_age_min());
  EXPECT_EQ(c.age_min(), 60);
  EXPECT_EQ(c.age_min_unite(), "ans");
  EXPECT_FALSE(c.has_age_max());
}

// --- CheckRestrictions ---

TEST_F(ModeleSaisieTest, RestrictionsAcceptProposedCodesAndEmptyValues) {
  v1::OffreContent c;
  c.set_mode_prise_en_charge("29");
  c.add_activites_operationnelles("474");
  c.add_publics("77");  // not restricted by the template
  FieldViolations v;
  CheckRestrictions(Chirurgie(), c, "", v);
  EXPECT_TRUE(v.empty());
  CheckRestrictions(Chirurgie(), ApplyPrefill(Chirurgie(), v1::OffreContent()), "", v);
  EXPECT_TRUE(v.empty());
}

TEST_F(ModeleSaisieTest, ACodeOutsideTheRestrictionNamesTheCodeTheFieldAndTheTemplate) {
  v1::OffreContent c = ApplyPrefill(Chirurgie(2), v1::OffreContent());
  c.set_type_offre("157");
  c.set_mode_prise_en_charge("31");
  c.add_activites_operationnelles("013");
  FieldViolations v;
  CheckRestrictions(Chirurgie(2), c, "content.", v);
  ASSERT_THAT(v.bad_request().field_violations(), SizeIs(3));
  const auto& violations = v.bad_request().field_violations();
  EXPECT_EQ(violations[0].field(), "content.type_offre");
  EXPECT_EQ(violations[0].rule(), "modele_saisie");
  EXPECT_EQ(violations[0].description(),
            "le code 157 n'est pas proposé par le modèle de saisie 139/01 « Unité hospitalière de "
            "chirurgie viscérale et digestive » (version 2) pour type d'offre (codes proposés : "
            "153)");
  EXPECT_EQ(violations[1].field(), "content.mode_prise_en_charge");
  EXPECT_THAT(violations[1].description(),
              AllOf(HasSubstr("le code 31 n'est pas proposé"),
                    HasSubstr("pour mode de prise en charge (codes proposés : 28, 29)")));
  // A repeated field names the element, as nomenclature::ValidateRepeated does.
  EXPECT_EQ(violations[2].field(), "content.activites_operationnelles[1]");
  EXPECT_THAT(violations[2].description(),
              AllOf(HasSubstr("le code 013 n'est pas proposé"),
                    HasSubstr("(version 2) pour activité opérationnelle")));
  EXPECT_THAT(v.ToStatus(), StatusIs(absl::StatusCode::kInvalidArgument,
                                     HasSubstr("content.type_offre : le code 157")));
}

TEST_F(ModeleSaisieTest, ATemplateWithoutRestrictionsAcceptsEverything) {
  v1::OffreContent c;
  c.set_type_offre("16");
  FieldViolations v;
  CheckRestrictions(Gynecologie(), c, "", v);
  EXPECT_TRUE(v.empty());
}

}  // namespace
}  // namespace ror::offre::domain
