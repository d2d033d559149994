// ror.v1.OffreService end to end in one process: the real server bootstrap on port 0, the
// in-memory store, no Kafka.
#include "services/offre/api/offre_grpc_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/server/grpc_status.h"
#include "libs/server/instrumented_event_store.h"
#include "libs/server/server.h"
#include "services/offre/app/offre_app_testing.h"
#include "services/offre/app/offre_index.h"

namespace ror::offre::api {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

class OffreGrpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.name = "offre";
    options.health_services = {v1::OffreService::service_full_name()};
    options.host = "127.0.0.1";
    options.port = 0;
    options.health_interval = absl::Milliseconds(10);
    options.drain_timeout = absl::Seconds(1);
    auto server = server::Server::Start(options, {&api_}, instrumented_, {}, metrics_);
    ASSERT_OK(server.status());
    server_ = *std::move(server);
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                       grpc::InsecureChannelCredentials());
    stub_ = v1::OffreService::NewStub(channel);
    health_ = Health::NewStub(channel);
  }

  static void SetDeadline(grpc::ClientContext& context) {
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  }

  absl::StatusOr<v1::Offre> Create(const std::string& nom, const std::string& champ,
                                   const std::string& finess, const std::string& request_id) {
    grpc::ClientContext context;
    SetDeadline(context);
    v1::CreateOffreRequest request;
    request.set_request_id(request_id);
    request.set_nom(nom);
    request.set_champ_activite(champ);
    request.set_finess_eg(finess);
    request.set_modele_saisie("149/01");
    v1::CreateOffreResponse response;
    grpc::Status status = stub_->CreateOffre(&context, request, &response);
    if (!status.ok()) return server::FromGrpcStatus(status);
    return response.offre();
  }

  absl::StatusOr<v1::Offre> Get(const std::string& id) {
    grpc::ClientContext context;
    SetDeadline(context);
    v1::GetOffreRequest request;
    request.set_offre_id(id);
    v1::Offre response;
    grpc::Status status = stub_->GetOffre(&context, request, &response);
    if (!status.ok()) return server::FromGrpcStatus(status);
    return response;
  }

  HealthCheckResponse::ServingStatus HealthStatus() {
    grpc::ClientContext context;
    SetDeadline(context);
    HealthCheckRequest request;
    request.set_service("ror.v1.OffreService");
    HealthCheckResponse response;
    EXPECT_TRUE(health_->Check(&context, request, &response).ok());
    return response.status();
  }

  bool EventuallyHealth(HealthCheckResponse::ServingStatus want) {
    for (absl::Time deadline = absl::Now() + absl::Seconds(5); absl::Now() < deadline;) {
      if (HealthStatus() == want) return true;
      absl::SleepFor(absl::Milliseconds(10));
    }
    return false;
  }

  FakeClock clock_;
  IdGenerator ids_{clock_, 7};
  eventstore::MemoryEventStore store_{clock_};
  server::Metrics metrics_;
  server::InstrumentedEventStore instrumented_{store_, metrics_};
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  app::OffreIndex index_;
  app::OffreHandler handler_{instrumented_, codes_, app::fixtures::RepositoryModeles(),
                             clock_,        ids_,   /*organisations=*/nullptr,
                             &index_};
  app::EtablissementHandler etablissements_{instrumented_, clock_, ids_};
  app::EtablissementScopes scopes_{etablissements_};
  app::OffreReads reads_{handler_, scopes_, &index_};
  // Who calls: a national administrateur (sees everything) unless a test says otherwise.
  absl::StatusOr<authz::Principal> caller_ = authz::testing::NationalAdministrateur();
  OffreGrpcService api_{
      handler_, reads_,
      CallerSource([this](const grpc::ServerContextBase&) -> absl::StatusOr<authz::Principal> {
        return caller_;
      })};
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::OffreService::Stub> stub_;
  std::unique_ptr<Health::Stub> health_;
};

TEST_F(OffreGrpcTest, CreatesAndGetsAnOffre) {
  EXPECT_EQ(HealthStatus(), HealthCheckResponse::SERVING);
  ASSERT_OK_AND_ASSIGN(v1::Offre created, Create("HC Cardiologie", "01", "350000741", "req-1"));
  EXPECT_TRUE(IsUuid(created.offre_id()));
  EXPECT_EQ(created.nom(), "HC Cardiologie");
  EXPECT_EQ(created.version(), 1);
  EXPECT_EQ(created.created_at().seconds(), absl::ToUnixSeconds(clock_.Now()));
  ASSERT_OK_AND_ASSIGN(v1::Offre got, Get(created.offre_id()));
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());

  ASSERT_OK_AND_ASSIGN(auto events, store_.ReadAll(1, 10));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].stream_id(), "offre-" + created.offre_id());
  EXPECT_EQ(events[0].event_type(), "OffreCreated");
  // The caller, as the authz interceptor named him, is the event's actor.
  EXPECT_EQ(events[0].actor().kind(), v1::Actor::KIND_USER);
  EXPECT_EQ(events[0].actor().subject(), "u-1");

  const std::string metrics = metrics_.Render();
  EXPECT_THAT(
      metrics,
      HasSubstr(
          R"(ror_grpc_server_handled_total{grpc_code="OK",grpc_method="CreateOffre",grpc_service="ror.v1.OffreService"} 1)"));
  EXPECT_THAT(metrics, HasSubstr(R"(ror_eventstore_append_seconds_count{code="OK"} 1)"));
}

TEST_F(OffreGrpcTest, BadInputIsInvalidArgumentNamingTheField) {
  absl::StatusOr<v1::Offre> created = Create("HC Cardiologie", "42", "350000741", "req-1");
  EXPECT_THAT(created, ::ror::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                                HasSubstr("champ_activite")));
  std::optional<v1::BadRequest> bad = GetBadRequest(created.status());
  ASSERT_TRUE(bad.has_value()) << "the BadRequest travels in the gRPC error details";
  ASSERT_EQ(bad->field_violations_size(), 1);
  EXPECT_EQ(bad->field_violations(0).field(), "champ_activite");
  EXPECT_EQ(bad->field_violations(0).rule(), "unknown_code");
  EXPECT_THAT(bad->field_violations(0).description(), HasSubstr("nomenclature J20"));

  created = Create("", "01", "2C1234567", "req-2");
  bad = GetBadRequest(created.status());
  ASSERT_TRUE(bad.has_value());
  ASSERT_EQ(bad->field_violations_size(), 2);
  EXPECT_EQ(bad->field_violations(0).field(), "nom");
  EXPECT_EQ(bad->field_violations(1).field(), "finess_eg");
  EXPECT_EQ(store_.HeadPosition(), 0u);
}

TEST_F(OffreGrpcTest, UnknownIdIsNotFoundAndMalformedIdIsInvalidArgument) {
  EXPECT_THAT(Get("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"),
              ::ror::testing::StatusIs(absl::StatusCode::kNotFound));
  absl::StatusOr<v1::Offre> bad = Get("pas-un-uuid");
  EXPECT_THAT(bad, ::ror::testing::StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_TRUE(GetBadRequest(bad.status()).has_value());
  EXPECT_EQ(GetBadRequest(bad.status())->field_violations(0).field(), "offre_id");
}

TEST_F(OffreGrpcTest, RetryWithTheSameRequestIdReturnsTheSameOffreAndWritesOnce) {
  ASSERT_OK_AND_ASSIGN(v1::Offre first, Create("HC Cardiologie", "01", "350000741", "req-1"));
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(v1::Offre again, Create("HC Cardiologie", "01", "350000741", "req-1"));
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(store_.HeadPosition(), 1u);
  ASSERT_OK_AND_ASSIGN(v1::Offre other, Create("HC Cardiologie", "01", "350000741", "req-2"));
  EXPECT_NE(other.offre_id(), first.offre_id());
  EXPECT_EQ(store_.HeadPosition(), 2u);
}

TEST_F(OffreGrpcTest, AnUnhealthyStoreMakesTheServiceNotServingAndRefusesWrites) {
  ASSERT_OK_AND_ASSIGN(v1::Offre first, Create("HC Cardiologie", "01", "350000741", "req-1"));
  store_.FailWrites(absl::UnavailableError("event store: no space left on device"));
  EXPECT_TRUE(EventuallyHealth(HealthCheckResponse::NOT_SERVING));
  EXPECT_THAT(Create("HJ Pédiatrie", "01", "350000741", "req-2"),
              ::ror::testing::StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_OK(Get(first.offre_id()).status());
  EXPECT_EQ(store_.HeadPosition(), 1u);

  store_.FailWrites(absl::OkStatus());
  EXPECT_TRUE(EventuallyHealth(HealthCheckResponse::SERVING));
  EXPECT_OK(Create("HJ Pédiatrie", "01", "350000741", "req-2").status());
}

// The lists read the offre index; what each item carries is checked field by field.
TEST_F(OffreGrpcTest, ListsCarryEachOffreOfTheIndex) {
  app::fixtures::ImportEtablissement(store_, clock_, ids_, "350000741", "101");
  {
    grpc::ClientContext context;
    SetDeadline(context);
    v1::ListModelesSaisieRequest request;
    request.set_finess_eg("350000741");
    request.set_champ_activite("03");
    v1::ListModelesSaisieResponse response;
    ASSERT_TRUE(stub_->ListModelesSaisie(&context, request, &response).ok());
    ASSERT_EQ(response.modeles_size(), 1);
    EXPECT_EQ(response.modeles(0).id(), "174/01");
  }

  clock_.Advance(absl::Minutes(1));
  const absl::Time created_at = clock_.Now();
  ASSERT_OK_AND_ASSIGN(v1::Offre created, Create("HC Cardiologie", "01", "350000741", "req-1"));
  {
    grpc::ClientContext context;
    SetDeadline(context);
    v1::ListActionsEnAttenteRequest request;
    request.add_finess_eg("350000741");
    v1::ListActionsEnAttenteResponse response;
    ASSERT_TRUE(stub_->ListActionsEnAttente(&context, request, &response).ok());
    ASSERT_EQ(response.actions_size(), 1);
    const v1::ActionEnAttente& action = response.actions(0);
    EXPECT_EQ(action.offre_id(), created.offre_id());
    EXPECT_EQ(action.nom(), "HC Cardiologie");
    EXPECT_EQ(action.finess_eg(), "350000741");
    EXPECT_EQ(action.organisation_id(), "");
    EXPECT_FALSE(action.published());
    EXPECT_EQ(action.draft_saved_at().seconds(), absl::ToUnixSeconds(created_at));
  }

  clock_.Advance(absl::Minutes(1));
  const absl::Time closed_at = clock_.Now();
  {
    grpc::ClientContext context;
    SetDeadline(context);
    v1::CloseOffreRequest request;
    request.set_offre_id(created.offre_id());
    request.set_definitive(true);
    v1::Offre response;
    ASSERT_TRUE(stub_->CloseOffre(&context, request, &response).ok());
  }
  grpc::ClientContext context;
  SetDeadline(context);
  v1::ListOffresFermeesRequest request;
  request.set_finess_eg("350000741");
  v1::ListOffresFermeesResponse response;
  ASSERT_TRUE(stub_->ListOffresFermees(&context, request, &response).ok());
  ASSERT_EQ(response.offres_size(), 1);
  const v1::OffreFermee& fermee = response.offres(0);
  EXPECT_EQ(fermee.offre_id(), created.offre_id());
  EXPECT_EQ(fermee.nom(), "HC Cardiologie");
  EXPECT_EQ(fermee.type_offre(), "149") << "pre-filled by 149/01";
  EXPECT_EQ(fermee.organisation_id(), "");
  EXPECT_EQ(fermee.closed_at().seconds(), absl::ToUnixSeconds(closed_at));
}

TEST_F(OffreGrpcTest, ASensitiveOffreIsNotFoundForWhoMayNotSeeIt) {
  ASSERT_OK_AND_ASSIGN(v1::Offre created, Create("HC Cardiologie", "01", "350000741", "req-s"));
  v1::OffreContent draft = created.draft();
  draft.set_unite_sensible(true);
  ASSERT_OK(handler_.SaveDraft(created.offre_id(), draft, 0, app::fixtures::TestContext()).status());

  caller_ = authz::Anonymous();
  EXPECT_THAT(Get(created.offre_id()), StatusIs(absl::StatusCode::kNotFound));
  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {}, {"350000742"})});
  EXPECT_THAT(Get(created.offre_id()), StatusIs(absl::StatusCode::kNotFound));
  caller_ = authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)});
  ASSERT_OK_AND_ASSIGN(v1::Offre read, Get(created.offre_id()));
  // He sees the offre, but not its draft: work in progress is for who may change it.
  EXPECT_FALSE(read.has_draft());
  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {}, {"350000741"})});
  ASSERT_OK_AND_ASSIGN(read, Get(created.offre_id()));
  EXPECT_TRUE(read.draft().unite_sensible());
}

TEST_F(OffreGrpcTest, ARefusedCallerReadsNothing) {
  ASSERT_OK_AND_ASSIGN(v1::Offre created, Create("HC Cardiologie", "01", "350000741", "req-r"));
  caller_ = absl::UnauthenticatedError("jeton refusé");
  EXPECT_THAT(Get(created.offre_id()), StatusIs(absl::StatusCode::kUnauthenticated));
}

// A write RPC of OffreService by name, for the habilitation matrix: its status only.
template <typename Request>
grpc::Status CallWrite(v1::OffreService::Stub& stub,
                       grpc::Status (v1::OffreService::Stub::*method)(grpc::ClientContext*,
                                                                      const Request&, v1::Offre*),
                       const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  v1::Offre response;
  return (stub.*method)(&context, request, &response);
}

// Établissement A (350000741) and B (350000758): a responsable of A touches nothing of B.
TEST_F(OffreGrpcTest, AResponsableOfOneEstablishmentChangesNothingOfAnother) {
  constexpr char kA[] = "350000741";
  constexpr char kB[] = "350000758";
  ASSERT_OK_AND_ASSIGN(v1::Offre of_b, Create("HC Cardiologie", "01", kB, "req-b"));
  caller_ = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {}, {kA})});
  ASSERT_OK_AND_ASSIGN(v1::Offre of_a, Create("HC Cardiologie", "01", kA, "req-a"));

  EXPECT_THAT(Create("HC Pneumologie", "01", kB, "req-b2"),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr(kB)));
  const std::string id_b = of_b.offre_id();
  v1::SaveDraftRequest save;
  save.set_offre_id(id_b);
  *save.mutable_draft() = of_b.draft();
  v1::ValidateDraftRequest validate;
  validate.set_offre_id(id_b);
  v1::DiscardDraftRequest discard;
  discard.set_offre_id(id_b);
  v1::DuplicateOffreRequest duplicate;
  duplicate.set_offre_id(id_b);
  v1::CloseOffreRequest close;
  close.set_offre_id(id_b);
  close.set_definitive(true);
  v1::ReopenOffreRequest reopen;
  reopen.set_offre_id(id_b);
  v1::MoveOffreRequest move_b;
  move_b.set_offre_id(id_b);
  move_b.set_finess_eg(kA);
  v1::MoveOffreRequest move_a_to_b;
  move_a_to_b.set_offre_id(of_a.offre_id());
  move_a_to_b.set_finess_eg(kB);
  using Stub = v1::OffreService::Stub;
  const std::vector<std::pair<std::string, grpc::Status>> refused = {
      {"SaveDraft", CallWrite(*stub_, &Stub::SaveDraft, save)},
      {"ValidateDraft", CallWrite(*stub_, &Stub::ValidateDraft, validate)},
      {"DiscardDraft", CallWrite(*stub_, &Stub::DiscardDraft, discard)},
      {"DuplicateOffre", CallWrite(*stub_, &Stub::DuplicateOffre, duplicate)},
      {"CloseOffre", CallWrite(*stub_, &Stub::CloseOffre, close)},
      {"ReopenOffre", CallWrite(*stub_, &Stub::ReopenOffre, reopen)},
      {"MoveOffre of B", CallWrite(*stub_, &Stub::MoveOffre, move_b)},
      {"MoveOffre of A to B", CallWrite(*stub_, &Stub::MoveOffre, move_a_to_b)},
  };
  for (const auto& [what, status] : refused) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << what;
  }
  // Nothing of B changed: its one event is still its creation.
  caller_ = authz::testing::NationalAdministrateur();
  ASSERT_OK_AND_ASSIGN(v1::Offre after, Get(id_b));
  EXPECT_EQ(after.version(), 1);
}

TEST_F(OffreGrpcTest, ReadersAndAnonymousCallersWriteNothing) {
  caller_ = authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)});
  EXPECT_THAT(Create("HC Cardiologie", "01", "350000741", "req-1"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  caller_ = authz::testing::ApiClientWith(1);
  EXPECT_THAT(Create("HC Cardiologie", "01", "350000741", "req-2"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  caller_ = authz::Anonymous();
  EXPECT_THAT(Create("HC Cardiologie", "01", "350000741", "req-3"),
              StatusIs(absl::StatusCode::kUnauthenticated));
  caller_ = absl::UnauthenticatedError("jeton refusé");
  EXPECT_THAT(Create("HC Cardiologie", "01", "350000741", "req-4"),
              StatusIs(absl::StatusCode::kUnauthenticated));
  ASSERT_OK_AND_ASSIGN(auto events, store_.ReadAll(1, 10));
  EXPECT_TRUE(events.empty());
}

TEST_F(OffreGrpcTest, AReferentChangesTheEstablishmentsOfHisRegionOnly) {
  // 350000741 is imported in Bretagne (53); the référent of Occitanie (76) may not change it.
  v1::EtablissementFiche fiche;
  fiche.set_finess_eg("350000741");
  fiche.set_finess_ej("350005179");
  fiche.set_raison_sociale("CH de Rennes");
  fiche.set_categorie("101");
  fiche.set_libelle_categorie("Centre hospitalier régional");
  fiche.set_departement("35");
  ASSERT_OK(etablissements_.Import(fiche, "test", app::fixtures::TestContext()).status());
  caller_ = authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kReferentRor, "76")});
  EXPECT_THAT(Create("HC Cardiologie", "01", "350000741", "req-1"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  caller_ = authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kReferentRor, "53")});
  EXPECT_OK(Create("HC Cardiologie", "01", "350000741", "req-2").status());
}

}  // namespace
}  // namespace ror::offre::api
