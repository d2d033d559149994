// ror.v1.OrganisationService end to end in one process: gRPC on loopback, RocksDB on disk, an EG
// imported first as FINESS would.
#include "services/offre/api/organisation_grpc_service.h"

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/clock.h"
#include "libs/common/field_violations.h"
#include "libs/common/ids.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/server/grpc_status.h"
#include "libs/testing/temp_dir.h"
#include "services/offre/app/etablissement_handler.h"

namespace ror::offre::api {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kAlbi[] = "810000599";
constexpr char kAlbiEj[] = "810000417";

// The offres the test says are open, per organisation.
class FakeOpenOffres final : public app::OpenOffres {
 public:
  absl::StatusOr<std::vector<std::string>> OpenOffresOf(absl::string_view id) override {
    auto it = open_.find(std::string(id));
    if (it == open_.end()) return std::vector<std::string>{};
    return it->second;
  }
  std::map<std::string, std::vector<std::string>> open_;
};

class OrganisationGrpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StartService());
    v1::EtablissementFiche albi;
    albi.set_finess_eg(kAlbi);
    albi.set_finess_ej(kAlbiEj);
    albi.set_raison_sociale("CH ALBI");
    albi.set_categorie("355");
    ASSERT_OK(etablissements_->Import(albi, "test", app::CommandContext{}).status());
  }
  void TearDown() override { StopService(); }

  void StartService() {
    ASSERT_OK_AND_ASSIGN(store_, eventstore::RocksDbEventStore::Open(
                                     {.path = (dir_.path() / "events").string()}, clock_));
    etablissements_ = std::make_unique<app::EtablissementHandler>(*store_, clock_, ids_);
    ASSERT_OK_AND_ASSIGN(handler_, app::OrganisationHandler::Open(*store_, *etablissements_,
                                                                  offres_, codes_, clock_, ids_));
    scopes_ = std::make_unique<app::EtablissementScopes>(*etablissements_);
    service_ = std::make_unique<OrganisationGrpcService>(
        *handler_, &index_, scopes_.get(),
        CallerSource([this](const grpc::ServerContextBase&) -> absl::StatusOr<authz::Principal> {
          return caller_;
        }));
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::OrganisationService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }

  void StopService() {
    if (server_) server_->Shutdown();
    server_.reset();
    service_.reset();
    scopes_.reset();
    handler_.reset();
    etablissements_.reset();
    store_.reset();
  }

  template <typename Request, typename Response, typename Method>
  absl::StatusOr<Response> Call(Method method, const Request& request) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    Response response;
    grpc::Status status = ((*stub_).*method)(&context, request, &response);
    if (!status.ok()) return server::FromGrpcStatus(status);
    return response;
  }

  absl::StatusOr<v1::Organisation> Create(const std::string& type, const std::string& nom,
                                          const std::string& parent_id = "",
                                          const std::string& finess = kAlbi,
                                          const std::string& request_id = "") {
    v1::CreateOrganisationRequest request;
    request.set_request_id(request_id);
    request.set_finess_eg(finess);
    request.set_parent_id(parent_id);
    request.set_type(type);
    request.set_nom(nom);
    ASSIGN_OR_RETURN(auto response,
                     (Call<v1::CreateOrganisationRequest, v1::CreateOrganisationResponse>(
                         &v1::OrganisationService::Stub::CreateOrganisation, request)));
    return response.organisation();
  }

  absl::StatusOr<v1::Organisation> Close(const std::string& id) {
    v1::CloseOrganisationRequest request;
    request.set_organisation_id(id);
    ASSIGN_OR_RETURN(auto response,
                     (Call<v1::CloseOrganisationRequest, v1::CloseOrganisationResponse>(
                         &v1::OrganisationService::Stub::CloseOrganisation, request)));
    return response.organisation();
  }

  absl::StatusOr<v1::EtablissementTree> Tree(const std::string& finess, bool include_closed) {
    v1::GetEtablissementTreeRequest request;
    request.set_finess_eg(finess);
    request.set_include_closed(include_closed);
    return Call<v1::GetEtablissementTreeRequest, v1::EtablissementTree>(
        &v1::OrganisationService::Stub::GetEtablissementTree, request);
  }

  absl::StatusOr<v1::Breadcrumb> Breadcrumb(const std::string& id) {
    v1::GetBreadcrumbRequest request;
    request.set_organisation_id(id);
    return Call<v1::GetBreadcrumbRequest, v1::Breadcrumb>(
        &v1::OrganisationService::Stub::GetBreadcrumb, request);
  }

  absl::StatusOr<v1::Organisation> Get(const std::string& id) {
    v1::GetOrganisationRequest request;
    request.set_organisation_id(id);
    return Call<v1::GetOrganisationRequest, v1::Organisation>(
        &v1::OrganisationService::Stub::GetOrganisation, request);
  }

  static std::vector<std::string> Violations(const absl::Status& status) {
    std::vector<std::string> out;
    if (auto bad = GetBadRequest(status)) {
      for (const auto& v : bad->field_violations()) out.push_back(v.field() + ":" + v.rule());
    }
    return out;
  }

  static std::vector<std::string> Names(
      const google::protobuf::RepeatedPtrField<v1::OrganisationNode>& nodes) {
    std::vector<std::string> out;
    for (const auto& n : nodes) out.push_back(n.organisation().nom());
    return out;
  }

  ::ror::testing::TempDir dir_;
  SystemClock clock_;
  IdGenerator ids_{clock_};
  const nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  FakeOpenOffres offres_;
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::unique_ptr<app::EtablissementHandler> etablissements_;
  std::unique_ptr<app::OrganisationHandler> handler_;
  // "Mes offres" of the trees: empty unless a test puts offres in it.
  app::OffreIndex index_;
  std::unique_ptr<app::EtablissementScopes> scopes_;
  // Who calls: a national administrateur (sees everything) unless a test says otherwise.
  authz::Principal caller_ = authz::testing::NationalAdministrateur();
  std::unique_ptr<OrganisationGrpcService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::OrganisationService::Stub> stub_;
};

TEST_F(OrganisationGrpcTest, APoleAndItsUfFromCreationToClosure) {
  // A pôle on the EG, an UF under it.
  ASSERT_OK_AND_ASSIGN(v1::Organisation pole, Create("1", "Pôle Anesthésie-Chirurgie"));
  EXPECT_EQ(pole.type(), "1");
  EXPECT_EQ(pole.version(), 1);
  ASSERT_OK_AND_ASSIGN(v1::Organisation uf, Create("3", "Consultations", pole.organisation_id()));
  EXPECT_EQ(uf.parent_id(), pole.organisation_id());

  // The tree of the EG nests them.
  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, Tree(kAlbi, false));
  EXPECT_EQ(tree.raison_sociale(), "CH ALBI");
  EXPECT_EQ(tree.finess_ej(), kAlbiEj);
  EXPECT_THAT(Names(tree.organisations()), ElementsAre("Pôle Anesthésie-Chirurgie"));
  EXPECT_THAT(Names(tree.organisations(0).children()), ElementsAre("Consultations"));

  // The fil d'Ariane of the UF: EJ → EG → pôle → UF.
  ASSERT_OK_AND_ASSIGN(v1::Breadcrumb crumbs, Breadcrumb(uf.organisation_id()));
  ASSERT_EQ(crumbs.items_size(), 4);
  EXPECT_EQ(crumbs.items(0).type(), "EJ");
  EXPECT_EQ(crumbs.items(0).id(), kAlbiEj);
  EXPECT_EQ(crumbs.items(1).type(), "EG");
  EXPECT_EQ(crumbs.items(1).nom(), "CH ALBI");
  EXPECT_EQ(crumbs.items(2).id(), pole.organisation_id());
  EXPECT_EQ(crumbs.items(3).nom(), "Consultations");

  // Renaming the UF, and giving it a boîte aux lettres MSSanté.
  v1::UpdateOrganisationRequest rename;
  rename.set_organisation_id(uf.organisation_id());
  rename.set_nom("Consultations externes");
  rename.set_boite_lettre_mss("consultations@ch-albi.mssante.fr");
  ASSERT_OK_AND_ASSIGN(auto renamed,
                       (Call<v1::UpdateOrganisationRequest, v1::UpdateOrganisationResponse>(
                           &v1::OrganisationService::Stub::UpdateOrganisation, rename)));
  EXPECT_EQ(renamed.organisation().nom(), "Consultations externes");
  EXPECT_EQ(renamed.organisation().version(), 2);
  v1::UpdateOrganisationRequest nothing;  // no field given: nothing changes
  nothing.set_organisation_id(uf.organisation_id());
  ASSERT_OK_AND_ASSIGN(auto unchanged,
                       (Call<v1::UpdateOrganisationRequest, v1::UpdateOrganisationResponse>(
                           &v1::OrganisationService::Stub::UpdateOrganisation, nothing)));
  EXPECT_EQ(unchanged.organisation().boite_lettre_mss(), "consultations@ch-albi.mssante.fr");
  EXPECT_EQ(unchanged.organisation().version(), 2);

  // The pôle cannot close while the UF is open; the refusal names it.
  EXPECT_THAT(
      Close(pole.organisation_id()),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("impossible de fermer le pôle « Pôle Anesthésie-Chirurgie »"),
                     HasSubstr("l'unité fonctionnelle « Consultations externes »"),
                     HasSubstr(uf.organisation_id()))));

  // Closing the UF, then the pôle.
  ASSERT_OK_AND_ASSIGN(v1::Organisation closed_uf, Close(uf.organisation_id()));
  EXPECT_TRUE(closed_uf.closed());
  EXPECT_TRUE(closed_uf.has_closed_at());
  ASSERT_OK_AND_ASSIGN(v1::Organisation closed_pole, Close(pole.organisation_id()));
  EXPECT_TRUE(closed_pole.closed());
  ASSERT_OK_AND_ASSIGN(v1::Organisation again, Close(pole.organisation_id()));  // idempotent
  EXPECT_EQ(again.version(), closed_pole.version());

  // Nothing more hangs on a closed pôle; the tree leaves closed organisations out unless asked.
  EXPECT_THAT(Create("3", "Nouvelle UF", pole.organisation_id()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("est fermé")));
  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree open_tree, Tree(kAlbi, false));
  EXPECT_THAT(open_tree.organisations(), IsEmpty());
  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree whole_tree, Tree(kAlbi, true));
  EXPECT_THAT(Names(whole_tree.organisations()), ElementsAre("Pôle Anesthésie-Chirurgie"));
  EXPECT_THAT(Names(whole_tree.organisations(0).children()), ElementsAre("Consultations externes"));
}

TEST_F(OrganisationGrpcTest, AResponsableOfAnotherEstablishmentChangesNoOrganisationOfAlbi) {
  ASSERT_OK_AND_ASSIGN(v1::Organisation pole, Create("1", "Pôle Anesthésie-Chirurgie"));
  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {}, {"810000011"})});
  EXPECT_THAT(Create("1", "Pôle Médecine"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Create("3", "Consultations", pole.organisation_id()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Close(pole.organisation_id()), StatusIs(absl::StatusCode::kPermissionDenied));
  // Through its EJ, a responsable reaches every EG of it.
  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {kAlbiEj}, {})});
  EXPECT_OK(Create("3", "Consultations", pole.organisation_id()).status());
}

TEST_F(OrganisationGrpcTest, BadInputNamesTheFields) {
  v1::CreateOrganisationRequest request;
  request.set_finess_eg("81-000");
  request.set_type("EG");
  request.set_parent_id("le pôle");
  request.set_boite_lettre_mss("accueil@gmail.com");
  auto created = Call<v1::CreateOrganisationRequest, v1::CreateOrganisationResponse>(
      &v1::OrganisationService::Stub::CreateOrganisation, request);
  EXPECT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Violations(created.status()),
              UnorderedElementsAre("type:organisation_interne", "nom:required", "finess_eg:format",
                                   "parent_id:format", "boite_lettre_mss:format"));
  EXPECT_THAT(Violations(Get("42").status()), ElementsAre("organisation_id:format"));
  EXPECT_THAT(Violations(Close("42").status()), ElementsAre("organisation_id:format"));
  EXPECT_THAT(Violations(Tree("42", false).status()), ElementsAre("finess_eg:format"));
}

TEST_F(OrganisationGrpcTest, UnknownEgParentAndIds) {
  EXPECT_THAT(Create("1", "Pôle", "", "810000011"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("810000011"), HasSubstr("inconnu du ROR"))));
  const std::string nobody = ids_.NewId();
  EXPECT_THAT(Create("3", "UF", nobody),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr(nobody), HasSubstr("introuvable"))));
  EXPECT_THAT(Get(nobody), StatusIs(absl::StatusCode::kNotFound, HasSubstr(nobody)));
  EXPECT_THAT(Close(nobody), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Breadcrumb(nobody), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Tree("810000011", false), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(OrganisationGrpcTest, AParentOfAnotherEgOrOfTheWrongTypeIsRefused) {
  v1::EtablissementFiche other;
  other.set_finess_eg("810000011");
  other.set_finess_ej(kAlbiEj);
  other.set_raison_sociale("CLINIQUE");
  other.set_categorie("365");
  ASSERT_OK(etablissements_->Import(other, "test", app::CommandContext{}).status());
  ASSERT_OK_AND_ASSIGN(v1::Organisation pole, Create("1", "Pôle Médecine"));
  EXPECT_THAT(Create("3", "UF", pole.organisation_id(), "810000011"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("appartient à l'établissement 810000599")));
  EXPECT_THAT(Create("1", "Sous-pôle", pole.organisation_id()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("un pôle se rattache à l'établissement géographique seulement")));
  EXPECT_THAT(Create("4", "Salle", pole.organisation_id()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("une unité élémentaire se rattache à une unité fonctionnelle")));
}

TEST_F(OrganisationGrpcTest, ARetryWithTheSameRequestIdReturnsTheFirstOrganisation) {
  ASSERT_OK_AND_ASSIGN(v1::Organisation first, Create("1", "Pôle", "", kAlbi, "req-1"));
  const uint64_t head = store_->HeadPosition();
  ASSERT_OK_AND_ASSIGN(v1::Organisation retry, Create("1", "Pôle", "", kAlbi, "req-1"));
  EXPECT_EQ(retry.organisation_id(), first.organisation_id());
  EXPECT_EQ(store_->HeadPosition(), head);
  EXPECT_THAT(Create("1", "Autre pôle", "", kAlbi, "req-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("req-1")));
}

TEST_F(OrganisationGrpcTest, ClosingIsRefusedWhileAnOffreIsOpenOnIt) {
  ASSERT_OK_AND_ASSIGN(v1::Organisation uf, Create("3", "Urgences"));
  offres_.open_[uf.organisation_id()] = {"0190aaaa-0000-7000-8000-000000000001"};
  EXPECT_THAT(Close(uf.organisation_id()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("des offres ouvertes"),
                             HasSubstr("0190aaaa-0000-7000-8000-000000000001"))));
  offres_.open_.clear();
  EXPECT_OK(Close(uf.organisation_id()));
}

TEST_F(OrganisationGrpcTest, TheIndexIsRebuiltFromTheStoreAtStart) {
  ASSERT_OK_AND_ASSIGN(v1::Organisation pole, Create("1", "Pôle Femme-Enfant"));
  ASSERT_OK_AND_ASSIGN(v1::Organisation service, Create("2", "Pédiatrie", pole.organisation_id()));
  ASSERT_OK_AND_ASSIGN(v1::Organisation uf, Create("3", "Néonatologie", service.organisation_id()));
  ASSERT_OK_AND_ASSIGN(v1::Organisation ue, Create("4", "Salle 1", uf.organisation_id()));

  StopService();
  ASSERT_NO_FATAL_FAILURE(StartService());

  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, Tree(kAlbi, false));
  ASSERT_EQ(tree.organisations_size(), 1);
  const auto& uf_node = tree.organisations(0).children(0).children(0);
  EXPECT_EQ(uf_node.organisation().nom(), "Néonatologie");
  EXPECT_THAT(Names(uf_node.children()), ElementsAre("Salle 1"));
  ASSERT_OK_AND_ASSIGN(v1::Breadcrumb crumbs, Breadcrumb(ue.organisation_id()));
  EXPECT_EQ(crumbs.items_size(), 6);
  // The index knows the children again: the service cannot close under its open UF.
  EXPECT_THAT(Close(service.organisation_id()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("Néonatologie")));
}

TEST_F(OrganisationGrpcTest, NoChildIsLeftOpenUnderAPoleClosedWhileChildrenAreBeingCreated) {
  ASSERT_OK_AND_ASSIGN(v1::Organisation pole, Create("1", "Pôle Médecine"));
  std::vector<std::thread> creators;
  for (int i = 0; i < 4; ++i) {
    creators.emplace_back([&, i] {
      for (int j = 0; j < 5; ++j) {
        (void)Create("3", absl::StrCat("UF ", i, "-", j), pole.organisation_id());
      }
    });
  }
  // Close what is open under the pôle, then the pôle, until the pôle closes.
  while (!Close(pole.organisation_id()).ok()) {
    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree open, Tree(kAlbi, /*include_closed=*/false));
    ASSERT_EQ(open.organisations_size(), 1);
    for (const v1::OrganisationNode& uf : open.organisations(0).children()) {
      ASSERT_OK(Close(uf.organisation().organisation_id()).status());
    }
  }
  for (std::thread& t : creators) t.join();
  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, Tree(kAlbi, /*include_closed=*/true));
  ASSERT_EQ(tree.organisations_size(), 1);
  EXPECT_TRUE(tree.organisations(0).organisation().closed());
  for (const v1::OrganisationNode& uf : tree.organisations(0).children()) {
    EXPECT_TRUE(uf.organisation().closed()) << uf.organisation().nom() << " left open";
  }
}

v1::Contact ContactAt(const std::string& nom, const std::string& level) {
  v1::Contact contact;
  contact.set_nom(nom);
  contact.set_confidentialite(level);
  v1::Telecom& telecom = *contact.add_telecoms();
  telecom.set_canal("2");
  telecom.set_valeur("0563474747");
  telecom.set_confidentialite(level);
  return contact;
}

std::vector<std::string> ContactNames(const v1::Organisation& organisation) {
  std::vector<std::string> out;
  for (const v1::Contact& c : organisation.contacts()) out.push_back(c.nom());
  return out;
}

TEST_F(OrganisationGrpcTest, ReadsShowTheContactsTheCallerMaySee) {
  ASSERT_OK_AND_ASSIGN(v1::Organisation pole, Create("1", "Pôle Urgences"));
  v1::UpdateOrganisationRequest update;
  update.set_organisation_id(pole.organisation_id());
  update.set_boite_lettre_mss("urgences@ch-albi.mssante.fr");
  *update.mutable_contacts()->add_contacts() = ContactAt("Accueil", "1");
  *update.mutable_contacts()->add_contacts() = ContactAt("Cadre", "2");
  *update.mutable_contacts()->add_contacts() = ContactAt("Astreinte", "3");
  ASSERT_OK((Call<v1::UpdateOrganisationRequest, v1::UpdateOrganisationResponse>(
                 &v1::OrganisationService::Stub::UpdateOrganisation, update))
                .status());

  ASSERT_OK_AND_ASSIGN(v1::Organisation read, Get(pole.organisation_id()));
  EXPECT_THAT(ContactNames(read), ElementsAre("Accueil", "Cadre", "Astreinte"));
  EXPECT_EQ(read.boite_lettre_mss(), "urgences@ch-albi.mssante.fr");

  // A responsable habilitated through the EJ sees all of it too.
  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {kAlbiEj})});
  ASSERT_OK_AND_ASSIGN(read, Get(pole.organisation_id()));
  EXPECT_EQ(read.contacts_size(), 3);

  // Another user: all but très restreint. The MSSanté address has no level: très restreint, for
  // profile 1 only.
  caller_ = authz::testing::UserWith({});
  ASSERT_OK_AND_ASSIGN(read, Get(pole.organisation_id()));
  EXPECT_THAT(ContactNames(read), ElementsAre("Accueil", "Cadre"));
  EXPECT_THAT(read.boite_lettre_mss(), IsEmpty());

  caller_ = authz::Anonymous();
  ASSERT_OK_AND_ASSIGN(read, Get(pole.organisation_id()));
  EXPECT_THAT(ContactNames(read), ElementsAre("Accueil"));
  ASSERT_EQ(read.contacts(0).telecoms_size(), 1);
  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, Tree(kAlbi, false));
  ASSERT_EQ(tree.organisations_size(), 1);
  EXPECT_THAT(ContactNames(tree.organisations(0).organisation()), ElementsAre("Accueil"));
  EXPECT_THAT(tree.organisations(0).organisation().boite_lettre_mss(), IsEmpty());
}

domain::OffreState OffreOf(const std::string& id, const std::string& nom, bool sensible) {
  domain::OffreState state;
  state.offre_id = id;
  state.finess_eg = kAlbi;
  v1::OffreContent content;
  content.set_nom(nom);
  content.set_champ_activite("03");
  content.set_unite_sensible(sensible);
  state.published = content;
  state.version = 2;
  return state;
}

std::vector<std::string> OffreNames(const v1::EtablissementTree& tree) {
  std::vector<std::string> out;
  for (const v1::OffreNode& offre : tree.offres()) out.push_back(offre.nom());
  return out;
}

TEST_F(OrganisationGrpcTest, TheTreeShowsOnlyTheOffresTheCallerMaySee) {
  index_.Put(OffreOf("0190a1b2-0000-7000-8000-000000000001", "HC Psychiatrie adulte", false));
  index_.Put(OffreOf("0190a1b2-0000-7000-8000-000000000002", "HC Soins sans consentement", true));

  ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, Tree(kAlbi, false));
  EXPECT_THAT(OffreNames(tree), ElementsAre("HC Psychiatrie adulte", "HC Soins sans consentement"));

  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {}, {"810000011"})});
  ASSERT_OK_AND_ASSIGN(tree, Tree(kAlbi, false));
  EXPECT_THAT(OffreNames(tree), ElementsAre("HC Psychiatrie adulte"))
      << "a responsable of another EG does not see its sensitive offres";

  caller_ = authz::Anonymous();
  ASSERT_OK_AND_ASSIGN(tree, Tree(kAlbi, false));
  EXPECT_THAT(OffreNames(tree), ElementsAre("HC Psychiatrie adulte"));

  caller_ = authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)});
  ASSERT_OK_AND_ASSIGN(tree, Tree(kAlbi, false));
  EXPECT_EQ(tree.offres_size(), 2);
}

}  // namespace
}  // namespace ror::offre::api
