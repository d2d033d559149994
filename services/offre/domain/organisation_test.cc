#include "services/offre/domain/organisation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"

namespace ror::offre::domain {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);
constexpr char kEg[] = "810000599";
constexpr char kPoleId[] = "01900000-0000-7000-8000-000000000001";
constexpr char kUfId[] = "01900000-0000-7000-8000-000000000002";
constexpr char kOtherId[] = "01900000-0000-7000-8000-000000000003";

const nomenclature::Nomenclatures& Codes() {
  static const nomenclature::Nomenclatures* codes =
      new nomenclature::Nomenclatures(nomenclature::Nomenclatures::BuiltIn());
  return *codes;
}

absl::StatusOr<std::vector<OrganisationEvent>> When(const OrganisationState& state,
                                                    const OrganisationCommand& command) {
  return Decide(state, command, Codes());
}

// The state the events make, from nothing or from `state`.
OrganisationState Given(const std::vector<OrganisationEvent>& events,
                        OrganisationState state = {}) {
  for (const auto& e : events) state = Evolve(std::move(state), e);
  return state;
}

CreateOrganisation NewPole() {
  return CreateOrganisation{.organisation_id = kPoleId,
                            .type = kPole,
                            .nom = "Pôle Anesthésie-Chirurgie",
                            .finess_eg = kEg,
                            .now = kNow,
                            .etablissement_exists = true};
}

OrganisationState APole() { return Given(*When({}, NewPole())); }

CreateOrganisation NewUfUnder(const OrganisationState& parent) {
  return CreateOrganisation{.organisation_id = kUfId,
                            .type = kUniteFonctionnelle,
                            .nom = "Consultations",
                            .finess_eg = kEg,
                            .parent_id = parent.organisation_id,
                            .boite_lettre_mss = "consultations@ch-albi.mssante.fr",
                            .now = kNow,
                            .etablissement_exists = true,
                            .parent = parent};
}

std::vector<std::string> Violations(const absl::Status& status) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.push_back(v.field() + ":" + v.rule());
  }
  return out;
}

TEST(OrganisationTest, APoleIsCreatedOnTheEgAndCreatingItAgainYieldsNothing) {
  // Given nothing, when a pôle is created on a known EG,
  ASSERT_OK_AND_ASSIGN(auto events, When({}, NewPole()));
  // then it is created, open, directly under the EG;
  ASSERT_EQ(events.size(), 1u);
  const auto& created = std::get<OrganisationCreated>(events[0]);
  EXPECT_EQ(created.type(), "1");
  EXPECT_EQ(created.parent_id(), "");
  const OrganisationState state = Given(events);
  EXPECT_EQ(state.version, 1);
  EXPECT_FALSE(state.closed);
  EXPECT_EQ(state.created_at, kNow);
  // and the same command on the state it produced yields nothing.
  ASSERT_OK_AND_ASSIGN(auto again, When(state, NewPole()));
  EXPECT_THAT(again, IsEmpty());
}

TEST(OrganisationTest, AnUfHangsOnAPoleOfTheSameEg) {
  const OrganisationState pole = APole();
  ASSERT_OK_AND_ASSIGN(auto events, When({}, NewUfUnder(pole)));
  const OrganisationState uf = Given(events);
  EXPECT_EQ(uf.parent_id, kPoleId);
  EXPECT_EQ(uf.boite_lettre_mss, "consultations@ch-albi.mssante.fr");
  ASSERT_OK_AND_ASSIGN(auto again, When(uf, NewUfUnder(pole)));
  EXPECT_THAT(again, IsEmpty());
}

TEST(OrganisationTest, InputIsTrimmedAndTheMssDomainLowerCased) {
  CreateOrganisation c = NewUfUnder(APole());
  c.nom = "  Consultations \t";
  c.boite_lettre_mss = " Consultations@CH-Albi.MSSante.fr ";
  const OrganisationState uf = Given(*When({}, c));
  EXPECT_EQ(uf.nom, "Consultations");
  EXPECT_EQ(uf.boite_lettre_mss, "Consultations@ch-albi.mssante.fr");
  ASSERT_OK_AND_ASSIGN(auto again, When(uf, c));
  EXPECT_THAT(again, IsEmpty());
}

TEST(OrganisationTest, BadInputNamesEveryField) {
  const CreateOrganisation bad{.organisation_id = "not-a-uuid",
                               .type = "9",
                               .nom = "",
                               .finess_eg = "81000",
                               .parent_id = "pole",
                               .boite_lettre_mss = "secretariat@gmail.com",
                               .now = kNow,
                               .etablissement_exists = true};
  auto decided = When({}, bad);
  EXPECT_THAT(decided, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      Violations(decided.status()),
      UnorderedElementsAre("organisation_id:format", "type:unknown_code", "nom:required",
                           "finess_eg:format", "parent_id:format", "boite_lettre_mss:format"));
}

TEST(OrganisationTest, NomRulesAreThoseOfAName) {
  CreateOrganisation c = NewPole();
  c.nom = std::string(256, 'a');
  EXPECT_THAT(Violations(When({}, c).status()), UnorderedElementsAre("nom:max_length"));
  c.nom = std::string(255, 'a');
  EXPECT_OK(When({}, c));
  c.nom = "Pôle\nMédecine";
  EXPECT_THAT(Violations(When({}, c).status()), UnorderedElementsAre("nom:no_control_characters"));
}

TEST(OrganisationTest, EjAndEgAreJ203CodesButNotOrganisationsInternes) {
  CreateOrganisation c = NewPole();
  c.type = "EG";
  auto decided = When({}, c);
  EXPECT_THAT(Violations(decided.status()), UnorderedElementsAre("type:organisation_interne"));
  EXPECT_THAT(decided.status().message(), HasSubstr("établissement"));
  c.type = "";
  EXPECT_THAT(Violations(When({}, c).status()), UnorderedElementsAre("type:required"));
}

TEST(OrganisationTest, AnUniteElementaireNeedsAParent) {
  CreateOrganisation c = NewPole();
  c.type = kUniteElementaire;
  auto decided = When({}, c);
  EXPECT_THAT(Violations(decided.status()), UnorderedElementsAre("parent_id:required"));
  EXPECT_THAT(decided.status().message(), HasSubstr("unité fonctionnelle ou à un service"));
}

TEST(OrganisationTest, TheHierarchyFollowsTheTypes) {
  EXPECT_TRUE(MayHangOn(kPole, kEtablissementGeographique));
  EXPECT_FALSE(MayHangOn(kPole, kPole));
  EXPECT_FALSE(MayHangOn(kPole, kService));
  EXPECT_TRUE(MayHangOn(kService, kEtablissementGeographique));
  EXPECT_TRUE(MayHangOn(kService, kPole));
  EXPECT_FALSE(MayHangOn(kService, kUniteFonctionnelle));
  EXPECT_TRUE(MayHangOn(kUniteFonctionnelle, kEtablissementGeographique));
  EXPECT_TRUE(MayHangOn(kUniteFonctionnelle, kPole));
  EXPECT_TRUE(MayHangOn(kUniteFonctionnelle, kService));
  EXPECT_FALSE(MayHangOn(kUniteFonctionnelle, kUniteElementaire));
  EXPECT_FALSE(MayHangOn(kUniteElementaire, kEtablissementGeographique));
  EXPECT_FALSE(MayHangOn(kUniteElementaire, kPole));
  EXPECT_TRUE(MayHangOn(kUniteElementaire, kService));
  EXPECT_TRUE(MayHangOn(kUniteElementaire, kUniteFonctionnelle));
  EXPECT_FALSE(MayHangOn("EG", kEtablissementGeographique));
}

TEST(OrganisationTest, APoleCannotHangUnderAnotherPole) {
  CreateOrganisation c = NewUfUnder(APole());
  c.type = kPole;
  EXPECT_THAT(When({}, c),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("un pôle se rattache à l'établissement géographique "
                                       "seulement"),
                             HasSubstr("« Pôle Anesthésie-Chirurgie » est un pôle"))));
}

TEST(OrganisationTest, TheEgMustBeKnown) {
  CreateOrganisation c = NewPole();
  c.etablissement_exists = false;
  EXPECT_THAT(When({}, c), StatusIs(absl::StatusCode::kFailedPrecondition,
                                    AllOf(HasSubstr(kEg), HasSubstr("inconnu"))));
}

TEST(OrganisationTest, TheParentMustExistBeOpenAndBelongToTheSameEg) {
  const OrganisationState pole = APole();
  CreateOrganisation missing = NewUfUnder(pole);
  missing.parent.reset();
  EXPECT_THAT(When({}, missing), StatusIs(absl::StatusCode::kFailedPrecondition,
                                          AllOf(HasSubstr(kPoleId), HasSubstr("introuvable"))));

  CreateOrganisation elsewhere = NewUfUnder(pole);
  elsewhere.parent->finess_eg = "810000011";
  EXPECT_THAT(When({}, elsewhere),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("appartient à l'établissement 810000011"),
                             HasSubstr("pas à 810000599"))));

  const OrganisationState closed =
      Given(*When(pole, CloseOrganisation{.organisation_id = kPoleId, .now = kNow}), pole);
  EXPECT_THAT(When({}, NewUfUnder(closed)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("le pôle « Pôle Anesthésie-Chirurgie » est fermé")));
}

TEST(OrganisationTest, CreatingAgainWithOtherValuesIsRefused) {
  CreateOrganisation other = NewPole();
  other.nom = "Pôle Médecine";
  EXPECT_THAT(When(APole(), other),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("existe déjà")));
}

TEST(OrganisationTest, UpdateRenamesAndChangesOnlyWhatIsGiven) {
  const OrganisationState uf = Given(*When({}, NewUfUnder(APole())));
  const UpdateOrganisation rename{
      .organisation_id = kUfId, .nom = "Consultations externes", .now = kNow + absl::Hours(1)};
  ASSERT_OK_AND_ASSIGN(auto events, When(uf, rename));
  ASSERT_EQ(events.size(), 1u);
  const OrganisationState renamed = Given(events, uf);
  EXPECT_EQ(renamed.nom, "Consultations externes");
  EXPECT_EQ(renamed.boite_lettre_mss, "consultations@ch-albi.mssante.fr");
  EXPECT_EQ(renamed.updated_at, kNow + absl::Hours(1));
  EXPECT_EQ(renamed.version, 2);
  ASSERT_OK_AND_ASSIGN(auto again, When(renamed, rename));
  EXPECT_THAT(again, IsEmpty());

  const UpdateOrganisation no_mss{.organisation_id = kUfId, .boite_lettre_mss = "", .now = kNow};
  const OrganisationState without = Given(*When(renamed, no_mss), renamed);
  EXPECT_EQ(without.boite_lettre_mss, "");
  EXPECT_EQ(without.nom, "Consultations externes");
}

TEST(OrganisationTest, UpdateChecksWhatIsGiven) {
  const OrganisationState pole = APole();
  auto decided = When(
      pole, UpdateOrganisation{
                .organisation_id = kPoleId, .nom = " ", .boite_lettre_mss = "pole@", .now = kNow});
  EXPECT_THAT(Violations(decided.status()),
              UnorderedElementsAre("nom:required", "boite_lettre_mss:format"));
}

google::protobuf::RepeatedPtrField<v1::Contact> Contacts(std::string valeur) {
  google::protobuf::RepeatedPtrField<v1::Contact> contacts;
  v1::Contact* chef = contacts.Add();
  chef->set_nom(" Dr Martin ");
  chef->set_fonction("11");  // Chef de pôle
  chef->set_confidentialite("2");
  v1::Telecom* phone = chef->add_telecoms();
  phone->set_canal("2");
  phone->set_valeur(std::move(valeur));
  phone->set_confidentialite("2");
  return contacts;
}

TEST(OrganisationTest, ContactsAreReplacedWholeCheckedAndKept) {
  const OrganisationState pole = APole();
  auto decided = When(
      pole, UpdateOrganisation{
                .organisation_id = kPoleId, .now = kNow, .contacts = Contacts("05 63 47 47 47")});
  ASSERT_OK(decided);
  ASSERT_EQ(decided->size(), 1u);
  const auto& updated = std::get<OrganisationUpdated>(decided->front());
  ASSERT_EQ(updated.contacts_size(), 1);
  EXPECT_EQ(updated.contacts(0).nom(), "Dr Martin");
  EXPECT_EQ(updated.nom(), pole.nom);  // what was not given is kept
  const OrganisationState with_contacts = Given(*decided, pole);
  EXPECT_EQ(with_contacts.contacts.size(), 1);

  // The same list again, or no list, changes nothing; an empty list removes them.
  EXPECT_THAT(When(with_contacts, UpdateOrganisation{.organisation_id = kPoleId,
                                                     .now = kNow,
                                                     .contacts = Contacts("05 63 47 47 47")}),
              ::ror::testing::IsOkAndHolds(::testing::IsEmpty()));
  EXPECT_THAT(When(with_contacts,
                   UpdateOrganisation{.organisation_id = kPoleId, .nom = pole.nom, .now = kNow}),
              ::ror::testing::IsOkAndHolds(::testing::IsEmpty()));
  auto removed =
      When(with_contacts,
           UpdateOrganisation{.organisation_id = kPoleId, .now = kNow, .contacts = Contacts("x")});
  EXPECT_THAT(Violations(removed.status()),
              UnorderedElementsAre("contacts[0].telecoms[0].valeur:format"));
  auto emptied =
      When(with_contacts,
           UpdateOrganisation{.organisation_id = kPoleId,
                              .now = kNow,
                              .contacts = google::protobuf::RepeatedPtrField<v1::Contact>()});
  ASSERT_OK(emptied);
  EXPECT_EQ(Given(*emptied, with_contacts).contacts.size(), 0);
}

TEST(OrganisationTest, UpdateAndCloseOfNothingAreNotFound) {
  EXPECT_THAT(When({}, UpdateOrganisation{.organisation_id = kOtherId, .nom = "X", .now = kNow}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(kOtherId)));
  EXPECT_THAT(When({}, CloseOrganisation{.organisation_id = kOtherId, .now = kNow}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(kOtherId)));
}

TEST(OrganisationTest, ClosingIsRefusedWhileAChildIsOpenNamingIt) {
  const OrganisationState pole = APole();
  const OrganisationState uf = Given(*When({}, NewUfUnder(pole)));
  EXPECT_THAT(
      When(pole, CloseOrganisation{.organisation_id = kPoleId, .now = kNow, .open_children = {uf}}),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("impossible de fermer le pôle « Pôle Anesthésie-Chirurgie »"),
                     HasSubstr("l'unité fonctionnelle « Consultations » "), HasSubstr(kUfId))));
}

TEST(OrganisationTest, ClosingIsRefusedWhileAnOffreIsOpenNamingIt) {
  EXPECT_THAT(When(APole(),
                   CloseOrganisation{
                       .organisation_id = kPoleId, .now = kNow, .open_offre_ids = {kOtherId}}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("des offres ouvertes"), HasSubstr(kOtherId))));
}

TEST(OrganisationTest, ManyOpenChildrenAreCountedBeyondTen) {
  const OrganisationState pole = APole();
  std::vector<OrganisationState> children(12, Given(*When({}, NewUfUnder(pole))));
  EXPECT_THAT(
      When(pole,
           CloseOrganisation{.organisation_id = kPoleId, .now = kNow, .open_children = children}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("et 2 autres")));
}

TEST(OrganisationTest, ClosingWithNothingOpenUnderClosesAndClosingAgainYieldsNothing) {
  const OrganisationState pole = APole();
  const CloseOrganisation close{.organisation_id = kPoleId, .now = kNow + absl::Hours(2)};
  ASSERT_OK_AND_ASSIGN(auto events, When(pole, close));
  ASSERT_EQ(events.size(), 1u);
  const OrganisationState closed = Given(events, pole);
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.closed_at, kNow + absl::Hours(2));
  ASSERT_OK_AND_ASSIGN(auto again, When(closed, close));
  EXPECT_THAT(again, IsEmpty());

  // A closed organisation keeps its name.
  EXPECT_THAT(
      When(closed, UpdateOrganisation{.organisation_id = kPoleId, .nom = "Autre", .now = kNow}),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("est fermé")));
}

}  // namespace
}  // namespace ror::offre::domain
