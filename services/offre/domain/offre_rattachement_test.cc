// Rattachement organisationnel: an offre hangs on an open organisation of its EG, or directly on
// the EG; the decider judges from the facts the handler found.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "services/offre/domain/decider_testing.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain {
namespace {

using testing::Apply;
const nomenclature::Nomenclatures& Codes() { return testing::BuiltInCodes(); }

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using testing::kId;
constexpr char kUf1[] = "0190a1b2-0000-7000-8000-000000000001";
constexpr char kEg[] = "350000741";
using testing::kNow;

OrganisationFacts Uf1() {
  return OrganisationFacts{
      .organisation_id = kUf1, .finess_eg = kEg, .nom = "UF Chirurgie", .closed = false};
}

CreateOffre CreateUnder(std::string organisation_id, std::optional<OrganisationFacts> facts) {
  return CreateOffre{.offre_id = kId,
                     .nom = "HC Chirurgie viscérale et digestive",
                     .champ_activite = "01",
                     .finess_eg = kEg,
                     .unite_sensible = false,
                     .organisation_id = std::move(organisation_id),
                     .organisation = std::move(facts),
                     .now = kNow,
                     .modele_saisie = "TEST/01",
                     .modele = testing::OpenModele()};
}

TEST(OffreRattachementTest, AnOffreHangsOnAnOpenOrganisationOfItsEg) {
  const OffreState created = Apply({}, CreateUnder(kUf1, Uf1()));
  EXPECT_EQ(created.organisation_id, kUf1);
  EXPECT_EQ(created.finess_eg, kEg);
}

TEST(OffreRattachementTest, WithoutOrganisationTheOffreHangsOnTheEg) {
  const OffreState created = Apply({}, CreateUnder("", std::nullopt));
  EXPECT_EQ(created.organisation_id, "");
}

TEST(OffreRattachementTest, AMalformedOrganisationIdNamesTheField) {
  const absl::Status status = Decide({}, CreateUnder("uf-1", std::nullopt), Codes()).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_TRUE(GetBadRequest(status).has_value());
  EXPECT_EQ(GetBadRequest(status)->field_violations(0).field(), "organisation_id");
}

TEST(OffreRattachementTest, AnUnknownClosedOrForeignOrganisationIsRefused) {
  EXPECT_THAT(Decide({}, CreateUnder(kUf1, std::nullopt), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("introuvable")));
  OrganisationFacts closed = Uf1();
  closed.closed = true;
  EXPECT_THAT(Decide({}, CreateUnder(kUf1, closed), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("« UF Chirurgie » (" + std::string(kUf1) + ") est fermée")));
  OrganisationFacts elsewhere = Uf1();
  elsewhere.finess_eg = "350002812";
  EXPECT_THAT(Decide({}, CreateUnder(kUf1, elsewhere), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("appartient à l'établissement 350002812")));
}

TEST(OffreRattachementTest, ACreationRetriedElsewhereIsNotTheSameOffre) {
  const OffreState created = Apply({}, CreateUnder(kUf1, Uf1()));
  EXPECT_THAT(Decide(created, CreateUnder("", std::nullopt), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("existe déjà")));
}

TEST(OffreRattachementTest, ACopyKeepsTheRattachementOfItsOrigin) {
  constexpr char kCopyId[] = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c";
  const OffreState origin = Apply({}, CreateUnder(kUf1, Uf1()));
  const OffreState copy = Apply({}, DuplicateOffre{.offre_id = kCopyId,
                                                   .origin_offre_id = kId,
                                                   .finess_eg = kEg,
                                                   .organisation_id = kUf1,
                                                   .organisation = Uf1(),
                                                   .content = origin.shown(),
                                                   .now = kNow});
  EXPECT_EQ(copy.organisation_id, kUf1);
}

// ---- "Déplacer".

constexpr char kUf2[] = "0190a1b2-0000-7000-8000-000000000002";
constexpr char kOtherEg[] = "350002812";   // same category as kEg
constexpr char kClinique[] = "350005179";  // another category

EtablissementFacts Eg(std::string finess, std::string categorie, std::string libelle) {
  return EtablissementFacts{.finess_eg = std::move(finess),
                            .categorie = std::move(categorie),
                            .libelle_categorie = std::move(libelle)};
}

MoveOffre Move(std::string finess_eg, std::string organisation_id,
               std::optional<OrganisationFacts> facts) {
  return MoveOffre{.offre_id = kId,
                   .finess_eg = std::move(finess_eg),
                   .organisation_id = std::move(organisation_id),
                   .organisation = std::move(facts),
                   .now = kNow + absl::Hours(1)};
}

TEST(OffreMoveTest, WithinTheEgTheOffreChangesOrganisationAndKeepsEverythingElse) {
  const OffreState created = Apply({}, CreateUnder(kUf1, Uf1()));
  const OffreState moved =
      Apply(created,
            Move("", kUf2,
                 OrganisationFacts{
                     .organisation_id = kUf2, .finess_eg = kEg, .nom = "UF 2", .closed = false}));
  EXPECT_EQ(moved.offre_id, kId);
  EXPECT_EQ(moved.finess_eg, kEg);
  EXPECT_EQ(moved.organisation_id, kUf2);
  EXPECT_EQ(moved.draft->nom(), created.draft->nom());
  EXPECT_EQ(moved.version, 2);
  // Back directly on the EG.
  EXPECT_EQ(Apply(moved, Move(kEg, "", std::nullopt)).organisation_id, "");
}

TEST(OffreMoveTest, ToAnotherEgOfTheSameCategory) {
  const OffreState created = Apply({}, CreateUnder(kUf1, Uf1()));
  MoveOffre move = Move(kOtherEg, "", std::nullopt);
  move.from_etablissement = Eg(kEg, "355", "Centre Hospitalier (C.H.)");
  move.to_etablissement = Eg(kOtherEg, "355", "Centre Hospitalier (C.H.)");
  const OffreState moved = Apply(created, move);
  EXPECT_EQ(moved.finess_eg, kOtherEg);
  EXPECT_EQ(moved.organisation_id, "");
  // An organisation of the old EG is no place in the new one.
  MoveOffre back_to_uf1 = Move(kOtherEg, kUf1, Uf1());
  EXPECT_THAT(Decide(moved, back_to_uf1, Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("appartient à l'établissement 350000741")));
}

TEST(OffreMoveTest, AnotherCategoryOrAnUnknownEgIsRefused) {
  const OffreState created = Apply({}, CreateUnder(kUf1, Uf1()));
  MoveOffre move = Move(kClinique, "", std::nullopt);
  move.from_etablissement = Eg(kEg, "355", "Centre Hospitalier (C.H.)");
  move.to_etablissement = Eg(kClinique, "365", "Etablissement de Soins Pluridisciplinaire");
  EXPECT_THAT(Decide(created, move, Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("« 355 Centre Hospitalier (C.H.) »"),
                             HasSubstr("« 365 Etablissement de Soins Pluridisciplinaire »"))));
  move.to_etablissement.reset();
  EXPECT_THAT(Decide(created, move, Codes()), StatusIs(absl::StatusCode::kFailedPrecondition,
                                                       HasSubstr("350005179 n'est pas importé")));
}

TEST(OffreMoveTest, BadInputNamesTheField) {
  const OffreState created = Apply({}, CreateUnder(kUf1, Uf1()));
  const absl::Status status = Decide(created, Move("35000", "uf", std::nullopt), Codes()).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_TRUE(GetBadRequest(status).has_value());
  EXPECT_EQ(GetBadRequest(status)->field_violations_size(), 2);
  EXPECT_THAT(Decide({}, Move("", "", std::nullopt), Codes()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(OffreMoveTest, ADefinitivelyClosedOffreStaysWhereItIs) {
  OffreState state = Apply({}, CreateUnder(kUf1, Uf1()));
  state = Apply(state,
                CloseOffre{.offre_id = kId, .definitive = true, .reopening_date = "", .now = kNow});
  EXPECT_THAT(Decide(state, Move("", "", std::nullopt), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("définitivement")));
}

}  // namespace
}  // namespace ror::offre::domain
