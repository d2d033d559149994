// The access function applied to offres and contacts (offre_access.h), on hand-made states.
#include "services/offre/app/offre_access.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::offre::app {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr authz::Viewer kEverything{.profile = 1, .sees_unites_sensibles = true};
constexpr authz::Viewer kOtherUser{.profile = 2, .sees_unites_sensibles = false};
constexpr authz::Viewer kNoContacts{.profile = 4, .sees_unites_sensibles = false};

v1::Contact ContactOf(std::string nom, std::string level,
                      std::vector<std::string> telecom_levels = {}) {
  v1::Contact contact;
  contact.set_nom(std::move(nom));
  contact.set_fonction("05");
  contact.set_confidentialite(std::move(level));
  for (std::string& telecom_level : telecom_levels) {
    v1::Telecom& telecom = *contact.add_telecoms();
    telecom.set_canal("2");
    telecom.set_valeur("029928432" + telecom_level);
    telecom.set_confidentialite(std::move(telecom_level));
  }
  return contact;
}

v1::OffreContent Content(std::string champ = "01", bool sensible = false) {
  v1::OffreContent content;
  content.set_nom("HC Cardiologie");
  content.set_champ_activite(std::move(champ));
  content.set_unite_sensible(sensible);
  *content.add_contacts() = ContactOf("Secrétariat", "1", {"1", "2", "3"});
  *content.add_contacts() = ContactOf("Dr Martin", "2", {"2"});
  *content.add_contacts() = ContactOf("Cadre de nuit", "3", {"3"});
  v1::AdresseMssante& libre = *content.add_adresses_mssante();
  libre.set_adresse("accueil@ch.mssante.fr");
  libre.set_confidentialite("1");
  v1::AdresseMssante& restreinte = *content.add_adresses_mssante();
  restreinte.set_adresse("regulation@ch.mssante.fr");
  restreinte.set_confidentialite("2");
  return content;
}

std::vector<std::string> Noms(const v1::OffreContent& content) {
  std::vector<std::string> out;
  for (const v1::Contact& c : content.contacts()) out.push_back(c.nom());
  return out;
}

std::vector<std::string> TelecomLevels(const v1::Contact& contact) {
  std::vector<std::string> out;
  for (const v1::Telecom& t : contact.telecoms()) out.push_back(t.confidentialite());
  return out;
}

std::vector<std::string> Mss(const v1::OffreContent& content) {
  std::vector<std::string> out;
  for (const v1::AdresseMssante& a : content.adresses_mssante()) out.push_back(a.adresse());
  return out;
}

domain::OffreState State(std::optional<v1::OffreContent> published,
                         std::optional<v1::OffreContent> draft) {
  domain::OffreState state;
  state.offre_id = "0190a1b2-0000-7000-8000-000000000001";
  state.finess_eg = "350000741";
  state.published = std::move(published);
  state.draft = std::move(draft);
  return state;
}

TEST(OffreAccessTest, OpenDataKeepsOnlyLibreContactsTelecomsAndMss) {
  const v1::OffreContent visible = VisibleContent(authz::kOpenData, Content());
  EXPECT_THAT(Noms(visible), ElementsAre("Secrétariat"));
  EXPECT_THAT(TelecomLevels(visible.contacts(0)), ElementsAre("1"));
  EXPECT_THAT(Mss(visible), ElementsAre("accueil@ch.mssante.fr"));
  EXPECT_EQ(visible.nom(), "HC Cardiologie") << "descriptive fields stay";
}

TEST(OffreAccessTest, AnotherUserSeesAllButTresRestreint) {
  const v1::OffreContent visible = VisibleContent(kOtherUser, Content());
  EXPECT_THAT(Noms(visible), ElementsAre("Secrétariat", "Dr Martin"));
  EXPECT_THAT(TelecomLevels(visible.contacts(0)), ElementsAre("1", "2"));
  EXPECT_THAT(TelecomLevels(visible.contacts(1)), ElementsAre("2"));
  EXPECT_EQ(Mss(visible).size(), 2u);
}

TEST(OffreAccessTest, ProfileOneSeesEverything) {
  const v1::OffreContent content = Content();
  EXPECT_EQ(VisibleContent(kEverything, content).SerializeAsString(), content.SerializeAsString());
}

TEST(OffreAccessTest, ProfileFourSeesNoContactNorMss) {
  const v1::OffreContent visible = VisibleContent(kNoContacts, Content());
  EXPECT_THAT(visible.contacts(), IsEmpty());
  EXPECT_THAT(visible.adresses_mssante(), IsEmpty());
}

TEST(OffreAccessTest, ProfileThreeSeesRestreintOnlyInMedicoSocial) {
  const authz::Viewer profile3{.profile = 3};
  EXPECT_THAT(Noms(VisibleContent(profile3, Content("04"))), ElementsAre("Secrétariat", "Dr Martin"));
  EXPECT_THAT(Noms(VisibleContent(profile3, Content("03"))), ElementsAre("Secrétariat"));
}

TEST(OffreAccessTest, ASensitiveOffreIsSeenOnlyWithUnitesSensibles) {
  const domain::OffreState sensitive = State(Content("03", true), std::nullopt);
  EXPECT_FALSE(VisibleOffre(authz::kOpenData, sensitive).has_value());
  EXPECT_FALSE(VisibleOffre(kOtherUser, sensitive).has_value());
  EXPECT_FALSE(MaySeeOffre(kOtherUser, sensitive));
  ASSERT_TRUE(VisibleOffre(kEverything, sensitive).has_value());
  EXPECT_EQ(VisibleOffre(kEverything, sensitive)->published->contacts_size(), 3);
}

TEST(OffreAccessTest, ADraftMakingAnOffreSensitiveHidesItAtOnce) {
  const domain::OffreState state = State(Content("03", false), Content("03", true));
  EXPECT_FALSE(MaySeeOffre(kOtherUser, state));
  EXPECT_TRUE(MaySeeOffre(kEverything, state));
  EXPECT_TRUE(MaySeeContent(kOtherUser, *state.published)) << "the published version alone is not";
}

TEST(OffreAccessTest, BothVersionsAreFiltered) {
  const std::optional<domain::OffreState> visible =
      VisibleOffre(authz::kOpenData, State(Content(), Content()));
  ASSERT_TRUE(visible.has_value());
  EXPECT_THAT(Noms(*visible->published), ElementsAre("Secrétariat"));
  EXPECT_THAT(Noms(*visible->draft), ElementsAre("Secrétariat"));
}

TEST(OffreAccessTest, ASummaryIsHiddenAsItsOffre) {
  OffreSummary summary;
  summary.offre_id = "x";
  summary.finess_eg = "350000741";
  summary.champ_activite = "03";
  summary.unite_sensible = true;
  EXPECT_FALSE(MaySeeOffre(authz::kOpenData, summary));
  EXPECT_FALSE(MaySeeOffre(kOtherUser, summary));
  EXPECT_TRUE(MaySeeOffre(kEverything, summary));
  summary.unite_sensible = false;
  EXPECT_TRUE(MaySeeOffre(authz::kOpenData, summary));
}

TEST(OffreAccessTest, ContactsOutsideAnOffre) {
  google::protobuf::RepeatedPtrField<v1::Contact> contacts;
  *contacts.Add() = ContactOf("Accueil", "1", {"1", "3"});
  *contacts.Add() = ContactOf("Direction", "2", {"2"});
  const auto visible = VisibleContacts(authz::kOpenData, authz::Champ::kUnknown, contacts);
  ASSERT_EQ(visible.size(), 1);
  EXPECT_EQ(visible[0].nom(), "Accueil");
  EXPECT_THAT(TelecomLevels(visible[0]), ElementsAre("1"));
  EXPECT_EQ(VisibleContacts(kOtherUser, authz::Champ::kUnknown, contacts).size(), 2);
  // Profile 3 and no champ: the narrower answer, open data.
  EXPECT_EQ(VisibleContacts(authz::Viewer{.profile = 3}, authz::Champ::kUnknown, contacts).size(),
            1);
}

}  // namespace
}  // namespace ror::offre::app
