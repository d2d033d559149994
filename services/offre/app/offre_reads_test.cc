// The offre service's reads for a caller (offre_reads.h): who sees a sensitive offre, in a read and
// in every list, and which contacts each caller gets.
#include "services/offre/app/offre_reads.h"

#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "services/offre/app/offre_app_testing.h"

namespace ror::offre::app {
namespace {

using ::ror::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr char kRennes[] = "350000741";      // CHU de Rennes, Ille-et-Vilaine (35)
constexpr char kRennesEj[] = "350005179";
constexpr char kBretagne[] = "53";
constexpr char kElsewhere[] = "350000742";  // another EG (of the same EJ: grants name it alone)

using fixtures::TestContext;

using authz::Role;
using authz::testing::GrantOf;
using authz::testing::UserWith;

const authz::Principal kRegulateur = UserWith({GrantOf(Role::kRegulateur)});
const authz::Principal kResponsableViaEj =
    UserWith({GrantOf(Role::kResponsableOffre, "", {kRennesEj})});
const authz::Principal kResponsableOfAnother =
    UserWith({GrantOf(Role::kResponsableOffre, "", {}, {kElsewhere})});
const authz::Principal kReferentBretagne = UserWith({GrantOf(Role::kReferentRor, kBretagne)});
const authz::Principal kReferentAra = UserWith({GrantOf(Role::kReferentRor, "84")});

std::vector<std::string> Ids(const std::vector<OffreSummary>& offres) {
  std::vector<std::string> out;
  for (const OffreSummary& o : offres) out.push_back(o.offre_id);
  return out;
}

v1::Contact Contact(std::string nom, std::string level) {
  v1::Contact contact;
  contact.set_nom(std::move(nom));
  contact.set_confidentialite(level);
  v1::Telecom& telecom = *contact.add_telecoms();
  telecom.set_canal("2");
  telecom.set_valeur("0299284321");
  telecom.set_confidentialite(std::move(level));
  return contact;
}

class OffreReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::EtablissementFiche fiche;
    fiche.set_finess_eg(kRennes);
    fiche.set_finess_ej(kRennesEj);
    fiche.set_raison_sociale("CHU DE RENNES");
    fiche.set_departement("35");
    fiche.set_categorie("101");
    fiche.set_libelle_categorie("Centre Hospitalier Régional (C.H.R.)");
    ASSERT_OK(etablissements_.Import(fiche, "test", TestContext()).status());
    fixtures::ImportEtablissement(store_, clock_, ids_, kElsewhere, "101");
  }

  // A published offre of kRennes with three contacts, one per level; `sensible` as asked.
  domain::OffreState Published(std::string nom, bool sensible) {
    absl::StatusOr<domain::OffreState> created = handler_.CreateOffre(
        fixtures::Cardiologie(std::move(nom), kRennes), TestContext());
    EXPECT_OK(created.status());
    if (!created.ok()) return {};
    v1::OffreContent draft = created->draft.value();
    draft.add_activites_operationnelles("013");
    draft.set_unite_sensible(sensible);
    *draft.add_contacts() = Contact("Secrétariat", "1");
    *draft.add_contacts() = Contact("Dr Martin", "2");
    *draft.add_contacts() = Contact("Astreinte", "3");
    EXPECT_OK(handler_.SaveDraft(created->offre_id, draft, 3, TestContext()).status());
    absl::StatusOr<domain::OffreState> validated =
        handler_.ValidateDraft(created->offre_id, TestContext());
    EXPECT_OK(validated.status());
    return validated.ok() ? *validated : domain::OffreState{};
  }

  // A draft of kRennes never validated, sensitive.
  domain::OffreState SensitiveDraft() {
    absl::StatusOr<domain::OffreState> created =
        handler_.CreateOffre(fixtures::Cardiologie("HC Brouillon", kRennes), TestContext());
    EXPECT_OK(created.status());
    if (!created.ok()) return {};
    v1::OffreContent draft = created->draft.value();
    draft.set_unite_sensible(true);
    absl::StatusOr<domain::OffreState> saved =
        handler_.SaveDraft(created->offre_id, draft, 0, TestContext());
    EXPECT_OK(saved.status());
    return saved.ok() ? *saved : domain::OffreState{};
  }

  FakeClock clock_;
  IdGenerator ids_{clock_, 3};
  eventstore::MemoryEventStore store_{clock_};
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  OffreIndex index_;
  OffreHandler handler_{store_,  codes_, fixtures::RepositoryModeles(), clock_, ids_,
                        nullptr, &index_};
  EtablissementHandler etablissements_{store_, clock_, ids_};
  EtablissementScopes scopes_{etablissements_};
  OffreReads reads_{handler_, scopes_, &index_};
};

TEST_F(OffreReadsTest, TheScopeOfAnImportedEg) {
  const authz::EtablissementScope scope = scopes_.Of(kRennes);
  EXPECT_EQ(scope.finess_eg, kRennes);
  EXPECT_EQ(scope.finess_ej, kRennesEj);
  EXPECT_EQ(scope.region, kBretagne);
  EXPECT_EQ(scopes_.Of("350009999").finess_ej, "") << "not imported: its number only";
}

TEST_F(OffreReadsTest, ASensitiveOffreExistsOnlyForWhoMaySeeIt) {
  const domain::OffreState offre = Published("HC Psychiatrie fermée", /*sensible=*/true);
  for (const authz::Principal& caller :
       {authz::Anonymous(), kResponsableOfAnother, kReferentAra}) {
    EXPECT_THAT(reads_.GetOffre(offre.offre_id, caller), StatusIs(absl::StatusCode::kNotFound))
        << caller.grants.size();
  }
  for (const authz::Principal& caller : {kRegulateur, kResponsableViaEj, kReferentBretagne}) {
    ASSERT_OK_AND_ASSIGN(domain::OffreState read, reads_.GetOffre(offre.offre_id, caller));
    EXPECT_EQ(read.published->contacts_size(), 3) << "profile 1 sees every contact";
  }
}

TEST_F(OffreReadsTest, AnApiClientSeesSensitiveOffresAtProfileOneOnly) {
  const domain::OffreState offre = Published("HC Psychiatrie fermée", /*sensible=*/true);
  authz::Principal client = authz::testing::ApiClientWith(1, "samu-35");
  EXPECT_OK(reads_.GetOffre(offre.offre_id, client).status());
  client.access_profile = 2;
  EXPECT_THAT(reads_.GetOffre(offre.offre_id, client), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(OffreReadsTest, ContactsAreThoseTheCallerMaySee) {
  const domain::OffreState offre = Published("HC Cardiologie", /*sensible=*/false);
  ASSERT_OK_AND_ASSIGN(domain::OffreState anonymous,
                       reads_.GetOffre(offre.offre_id, authz::Anonymous()));
  ASSERT_EQ(anonymous.published->contacts_size(), 1);
  EXPECT_EQ(anonymous.published->contacts(0).nom(), "Secrétariat");
  ASSERT_OK_AND_ASSIGN(domain::OffreState other, reads_.GetOffre(offre.offre_id, kResponsableOfAnother));
  EXPECT_EQ(other.published->contacts_size(), 2) << "all but très restreint";
  ASSERT_OK_AND_ASSIGN(domain::OffreState own, reads_.GetOffre(offre.offre_id, kResponsableViaEj));
  EXPECT_EQ(own.published->contacts_size(), 3);
}

TEST_F(OffreReadsTest, ListsAndCountsLeaveOutWhatTheCallerMayNotSee) {
  const domain::OffreState open = Published("HC Cardiologie", false);
  const domain::OffreState sensitive = Published("HC Psychiatrie fermée", true);
  const domain::OffreState draft = SensitiveDraft();

  EXPECT_THAT(Ids(reads_.OfEtablissement(kRennes, kResponsableOfAnother)),
              ElementsAre(open.offre_id));
  EXPECT_THAT(Ids(reads_.OfEtablissement(kRennes, kRegulateur)),
              UnorderedElementsAre(open.offre_id, sensitive.offre_id, draft.offre_id));

  ASSERT_OK_AND_ASSIGN(auto pending, reads_.ActionsEnAttente({kRennes}, kResponsableOfAnother));
  EXPECT_TRUE(pending.empty());
  ASSERT_OK_AND_ASSIGN(pending, reads_.ActionsEnAttente({kRennes}, kResponsableViaEj));
  EXPECT_THAT(Ids(pending), ElementsAre(draft.offre_id));

  ASSERT_OK_AND_ASSIGN(auto findings, reads_.QualityReport(kRennes, authz::Anonymous()));
  ASSERT_EQ(findings.size(), 1u) << "the count too";
  EXPECT_EQ(findings[0].offre.offre_id, open.offre_id);
  ASSERT_OK_AND_ASSIGN(findings, reads_.QualityReport(kRennes, kReferentBretagne));
  EXPECT_EQ(findings.size(), 3u);

  ASSERT_OK(handler_.CloseOffre(sensitive.offre_id, true, "", TestContext()).status());
  ASSERT_OK(handler_.CloseOffre(open.offre_id, true, "", TestContext()).status());
  ASSERT_OK_AND_ASSIGN(auto closed, reads_.OffresFermees(kRennes, authz::Anonymous()));
  EXPECT_THAT(Ids(closed), ElementsAre(open.offre_id));
  ASSERT_OK_AND_ASSIGN(closed, reads_.OffresFermees(kRennes, kRegulateur));
  EXPECT_EQ(closed.size(), 2u);
}

TEST_F(OffreReadsTest, UnknownAndHiddenOffresLookTheSame) {
  const domain::OffreState sensitive = Published("HC Psychiatrie fermée", true);
  const absl::Status hidden = reads_.GetOffre(sensitive.offre_id, authz::Anonymous()).status();
  const std::string unknown_id = "0190a1b2-0000-7000-8000-0000000000ff";
  const absl::Status unknown = reads_.GetOffre(unknown_id, authz::Anonymous()).status();
  EXPECT_EQ(hidden.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(hidden.code(), unknown.code());
  // Word for word the same answer, but for the id asked.
  EXPECT_EQ(absl::StrReplaceAll(hidden.message(), {{sensitive.offre_id, "<id>"}}),
            absl::StrReplaceAll(unknown.message(), {{unknown_id, "<id>"}}));
}

}  // namespace
}  // namespace ror::offre::app
