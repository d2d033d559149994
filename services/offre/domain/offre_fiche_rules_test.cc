// The fiche sections of an offre: contacts and telecoms (J220, J222, J225, formats), horaires,
// MSSanté addresses, commentaire; RG_EXP_039 on an unité sensible; "copier le lundi".
#include "services/offre/domain/offre_fiche_rules.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/offre/domain/decider_testing.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

using testing::kId;
using testing::kNow;

v1::Contact Secretariat(std::string confidentialite = "1") {
  v1::Contact contact;
  contact.set_nom("Secrétariat de chirurgie");
  contact.set_fonction("05");
  contact.set_confidentialite(confidentialite);
  v1::Telecom* phone = contact.add_telecoms();
  phone->set_canal("2");
  phone->set_valeur("04 79 96 50 50");
  phone->set_confidentialite(confidentialite);
  v1::Telecom* mail = contact.add_telecoms();
  mail->set_canal("3");
  mail->set_valeur("chirurgie@ch-exemple.fr");
  mail->set_confidentialite(confidentialite);
  return contact;
}

v1::PlageHoraire Plage(int jour, std::string debut, std::string fin) {
  v1::PlageHoraire plage;
  plage.set_jour(jour);
  plage.set_debut(std::move(debut));
  plage.set_fin(std::move(fin));
  return plage;
}

// (field, rule) of every violation CheckFiche finds in `content`.
std::vector<std::pair<std::string, std::string>> Violations(v1::OffreContent content) {
  NormalizeFiche(content);
  FieldViolations out;
  EXPECT_OK(CheckFiche(content, testing::BuiltInCodes(), "draft.", out));
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& v : out.bad_request().field_violations())
    found.emplace_back(v.field(), v.rule());
  return found;
}

TEST(OffreFicheTest, AWellFormedFicheHasNoViolation) {
  v1::OffreContent c;
  *c.add_contacts() = Secretariat();
  *c.add_horaires() = Plage(1, "08:30", "12:00");
  *c.add_horaires() = Plage(1, "13:30", "18:00");
  *c.add_horaires() = Plage(7, "00:00", "24:00");
  v1::AdresseMssante* mss = c.add_adresses_mssante();
  mss->set_adresse("chirurgie@ch-exemple.mssante.fr");
  mss->set_confidentialite("2");
  c.set_commentaire("Accès par le hall B.");
  EXPECT_THAT(Violations(c), IsEmpty());
}

TEST(OffreFicheTest, AContactNeedsANameOrAFunctionAndAConfidentialityLevel) {
  v1::OffreContent c;
  v1::Contact* contact = c.add_contacts();
  EXPECT_THAT(Violations(c), ElementsAre(Pair("draft.contacts[0].nom", "required"),
                                         Pair("draft.contacts[0].confidentialite", "required")));
  contact->set_fonction("99");
  contact->set_confidentialite("4");
  EXPECT_THAT(Violations(c),
              ElementsAre(Pair("draft.contacts[0].fonction", "unknown_code"),
                          Pair("draft.contacts[0].confidentialite", "unknown_code")));
  contact->set_fonction("14");  // Référent CLIN, deprecated in TRE_R251
  contact->set_confidentialite("2");
  EXPECT_THAT(Violations(c), ElementsAre(Pair("draft.contacts[0].fonction", "deprecated_code")));
}

TEST(OffreFicheTest, EachTelecomValueHasTheFormatOfItsCanal) {
  const std::vector<std::pair<std::string, std::string>> good = {
      {"1", "06 12 34 56 78"},
      {"1", "+33 6 12 34 56 78"},
      {"2", "04.79.96.50.50"},
      {"8", "15"},
      {"6", "0479965051"},
      {"3", "a.b@ch-exemple.fr"},
      {"4", "https://www.ch-exemple.fr/chirurgie"},
      {"5", "sftp://depot.ch.fr"},
      {"MSSANTE", "bloc@ch.mssante.fr"},
      {"7", "RUBIS 2B"},
      {"1", "+32 2 555 12 34"}};
  for (const auto& [canal, valeur] : good) {
    EXPECT_TRUE(IsTelecomValue(canal, valeur)) << canal << " " << valeur;
  }
  const std::vector<std::pair<std::string, std::string>> bad = {{"1", "06 12 34 56"},
                                                                {"2", "04 79 96 50 50 50"},
                                                                {"2", "+33 0 4 79 96 50 50"},
                                                                {"2", "tel: 0479965050"},
                                                                {"3", "chirurgie"},
                                                                {"3", "a@b"},
                                                                {"4", "www.ch.fr"},
                                                                {"4", "https:// ch.fr"},
                                                                {"MSSANTE", "bloc@ch-exemple.fr"},
                                                                {"7", ""},
                                                                {"42", "0479965050"}};
  for (const auto& [canal, valeur] : bad) {
    EXPECT_FALSE(IsTelecomValue(canal, valeur)) << canal << " " << valeur;
  }
  v1::OffreContent c;
  v1::Contact* contact = c.add_contacts();
  *contact = Secretariat();
  contact->mutable_telecoms(0)->set_valeur("04 79");
  contact->mutable_telecoms(1)->set_canal("0");
  contact->mutable_telecoms(1)->set_valeur("");
  contact->mutable_telecoms(1)->set_confidentialite("");
  EXPECT_THAT(Violations(c),
              ElementsAre(Pair("draft.contacts[0].telecoms[0].valeur", "format"),
                          Pair("draft.contacts[0].telecoms[1].canal", "unknown_code"),
                          Pair("draft.contacts[0].telecoms[1].valeur", "required"),
                          Pair("draft.contacts[0].telecoms[1].confidentialite", "required")));
}

TEST(OffreFicheTest, TheErrorOfATelecomSaysWhatItShouldBe) {
  v1::OffreContent c;
  *c.add_contacts() = Secretariat();
  c.mutable_contacts(0)->mutable_telecoms(0)->set_valeur("standard");
  NormalizeFiche(c);
  FieldViolations out;
  ASSERT_OK(CheckFiche(c, testing::BuiltInCodes(), "", out));
  ASSERT_EQ(out.bad_request().field_violations_size(), 1);
  EXPECT_EQ(out.bad_request().field_violations(0).description(),
            "« standard » n'est pas un numéro de téléphone (0X XX XX XX XX, +33 X XX XX XX XX ou "
            "numéro court)");
}

TEST(OffreFicheTest, HorairesAreWeekdaysWithOrderedNonOverlappingRanges) {
  v1::OffreContent c;
  *c.add_horaires() = Plage(0, "08:00", "12:00");
  *c.add_horaires() = Plage(2, "8h00", "25:00");
  *c.add_horaires() = Plage(3, "14:00", "09:00");
  *c.add_horaires() = Plage(4, "08:00", "12:00");
  *c.add_horaires() = Plage(4, "11:30", "18:00");
  *c.add_horaires() = Plage(5, "24:00", "24:00");
  EXPECT_THAT(Violations(c), ElementsAre(Pair("draft.horaires[0].jour", "range"),
                                         Pair("draft.horaires[1].debut", "format"),
                                         Pair("draft.horaires[1].fin", "format"),
                                         Pair("draft.horaires[2].fin", "after_debut"),
                                         Pair("draft.horaires[5].debut", "format"),
                                         Pair("draft.horaires[4]", "overlap")));
}

TEST(OffreFicheTest, MssanteAddressesMustBeOfTheTrustSpace) {
  v1::OffreContent c;
  v1::AdresseMssante* mss = c.add_adresses_mssante();
  mss->set_adresse("chirurgie@ch-exemple.fr");
  EXPECT_THAT(Violations(c),
              ElementsAre(Pair("draft.adresses_mssante[0].adresse", "format"),
                          Pair("draft.adresses_mssante[0].confidentialite", "required")));
  mss->set_adresse("  Chirurgie@CH-Exemple.MSSante.fr ");
  mss->set_confidentialite("1");
  NormalizeFiche(c);
  EXPECT_EQ(c.adresses_mssante(0).adresse(), "Chirurgie@ch-exemple.mssante.fr");
  EXPECT_THAT(Violations(c), IsEmpty());
}

TEST(OffreFicheTest, TheCommentaireIsAtMost2000Characters) {
  v1::OffreContent c;
  c.set_commentaire(std::string(kCommentaireMaxLength, 'e'));
  EXPECT_THAT(Violations(c), IsEmpty());
  c.set_commentaire(std::string(kCommentaireMaxLength + 1, 'e'));
  EXPECT_THAT(Violations(c), ElementsAre(Pair("draft.commentaire", "max_length")));
}

TEST(OffreFicheTest, ListsAreBounded) {
  v1::OffreContent c;
  for (int i = 0; i < 51; ++i) *c.add_contacts() = Secretariat();
  EXPECT_THAT(Violations(c), ElementsAre(Pair("draft.contacts", "max_items")));
}

// RG_EXP_039, through the decider: whatever level the request gives, a sensitive offre's contacts,
// telecoms and MSSanté addresses are "accès très restreint", and stay so.
TEST(OffreFicheTest, AnUniteSensibleMakesEveryContactTresRestreint) {
  const OffreState created = testing::Apply({}, CreateOffre{.offre_id = kId,
                                                            .nom = "HC Médecine pénitentiaire",
                                                            .champ_activite = "01",
                                                            .finess_eg = "350000741",
                                                            .unite_sensible = true,
                                                            .now = kNow,
                                                            .modele_saisie = "TEST/01",
                                                            .modele = testing::OpenModele()});
  v1::OffreContent draft = *created.draft;
  *draft.add_contacts() = Secretariat("1");
  v1::AdresseMssante* mss = draft.add_adresses_mssante();
  mss->set_adresse("umcd@ch-exemple.mssante.fr");
  mss->set_confidentialite("1");
  const OffreState saved =
      testing::Apply(created, SaveDraft{.offre_id = kId, .draft = draft, .step = 1, .now = kNow});
  ASSERT_TRUE(saved.draft.has_value());
  const v1::Contact& contact = saved.draft->contacts(0);
  EXPECT_EQ(contact.confidentialite(), kConfidentialiteTresRestreinte);
  for (const v1::Telecom& telecom : contact.telecoms()) {
    EXPECT_EQ(telecom.confidentialite(), kConfidentialiteTresRestreinte);
  }
  EXPECT_EQ(saved.draft->adresses_mssante(0).confidentialite(), kConfidentialiteTresRestreinte);

  // Lowering it again changes nothing: the same draft is what is already saved.
  EXPECT_THAT(Decide(saved, SaveDraft{.offre_id = kId, .draft = draft, .step = 1, .now = kNow},
                     testing::BuiltInCodes()),
              ::ror::testing::IsOkAndHolds(IsEmpty()));

  // An offre that is not sensitive keeps the levels it is given.
  draft.set_unite_sensible(false);
  const OffreState open =
      testing::Apply(saved, SaveDraft{.offre_id = kId, .draft = draft, .step = 1, .now = kNow});
  EXPECT_EQ(open.draft->contacts(0).confidentialite(), "1");
}

TEST(OffreFicheTest, CopyMondayToWeekReplacesTheOtherDays) {
  const OffreState created = testing::Apply({}, CreateOffre{.offre_id = kId,
                                                            .nom = "CS Cardiologie",
                                                            .champ_activite = "01",
                                                            .finess_eg = "350000741",
                                                            .now = kNow,
                                                            .modele_saisie = "TEST/01",
                                                            .modele = testing::OpenModele()});
  v1::OffreContent draft = *created.draft;
  *draft.add_horaires() = Plage(1, "08:30", "12:00");
  *draft.add_horaires() = Plage(1, "13:30", "17:00");
  *draft.add_horaires() = Plage(3, "09:00", "10:00");
  const OffreState saved = testing::Apply(
      created,
      SaveDraft{
          .offre_id = kId, .draft = draft, .step = 1, .now = kNow, .copy_monday_to_week = true});
  ASSERT_EQ(saved.draft->horaires_size(), 14);
  for (int jour = 1; jour <= 7; ++jour) {
    const v1::PlageHoraire& morning = saved.draft->horaires(2 * (jour - 1));
    const v1::PlageHoraire& afternoon = saved.draft->horaires(2 * (jour - 1) + 1);
    EXPECT_EQ(morning.jour(), jour);
    EXPECT_EQ(morning.debut(), "08:30");
    EXPECT_EQ(afternoon.jour(), jour);
    EXPECT_EQ(afternoon.fin(), "17:00");
  }
}

}  // namespace
}  // namespace ror::offre::domain
