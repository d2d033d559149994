#include "services/search/api/search_grpc_service.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/testing/temp_dir.h"
#include "services/search/app/search_testing.h"

namespace ror::search::api {
namespace {

class SearchGrpcServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::EtablissementFiche fiche;
    fiche.set_finess_eg("010000024");
    fiche.set_raison_sociale("CH DE FLEYRIAT");
    fiche.set_departement("01");
    v1::OffreContent content;
    content.set_nom("Urgences adultes");
    content.set_champ_activite("01");
    std::vector<v1::EventEnvelope> events = {testing::Imported(fiche)};
    for (const auto& e : testing::PublishedOffre("o1", "010000024", content)) events.push_back(e);
    ASSERT_TRUE(directory_.Apply(events).ok());
  }

  // The service with `caller` as every call's caller.
  std::unique_ptr<SearchGrpcService> ServiceFor(absl::StatusOr<authz::Principal> caller) {
    return std::make_unique<SearchGrpcService>(
        engine_, saved_, [caller](const grpc::ServerContextBase&) { return caller; },
        [] {
          v1::IndexStatus status;
          status.set_bus_lag(3);
          return status;
        });
  }

  ror::testing::TempDir dir_;
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory_{dir_.path(), codes_};
  app::SearchEngine engine_{directory_.index(), codes_, nullptr};
  FakeClock clock_;
  IdGenerator ids_{clock_, 7};
  eventstore::MemoryEventStore store_{clock_};
  app::SavedSearches saved_{store_, clock_, ids_};
  grpc::ServerContext context_;
};

TEST_F(SearchGrpcServiceTest, SearchAnswersAndBadCriteriaComeBackWithTheirField) {
  auto service = ServiceFor(authz::Anonymous());
  v1::SearchRequest request;
  request.mutable_criteria()->set_texte("urgences");
  v1::SearchResponse response;
  ASSERT_TRUE(service->Search(&context_, &request, &response).ok());
  ASSERT_EQ(response.hits_size(), 1);
  EXPECT_EQ(response.hits(0).id(), "o1");

  request.mutable_criteria()->add_departements("x");
  const grpc::Status bad = service->Search(&context_, &request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("criteria.departements[0]"), std::string::npos);
  EXPECT_FALSE(bad.error_details().empty());  // the BadRequest, for the gateway
}

TEST_F(SearchGrpcServiceTest, ARefusedTokenIsUnauthenticatedEvenToSearch) {
  auto service = ServiceFor(absl::UnauthenticatedError("jeton refusé"));
  v1::SearchRequest request;
  v1::SearchResponse response;
  EXPECT_EQ(service->Search(&context_, &request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SearchGrpcServiceTest, SavedSearchesAreForSignedInUsersOnly) {
  v1::SaveSearchRequest save;
  save.mutable_search()->set_nom("Lits chauds");
  save.mutable_search()->mutable_criteria()->add_departements("01");
  v1::SavedSearch saved;
  EXPECT_EQ(ServiceFor(authz::Anonymous())->SaveSearch(&context_, &save, &saved).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ServiceFor(authz::testing::ApiClientWith(1))
                ->SaveSearch(&context_, &save, &saved)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  auto service = ServiceFor(authz::testing::UserWith({}, "user-1"));
  ASSERT_TRUE(service->SaveSearch(&context_, &save, &saved).ok());
  v1::ListSavedSearchesRequest list;
  v1::ListSavedSearchesResponse listed;
  ASSERT_TRUE(service->ListSavedSearches(&context_, &list, &listed).ok());
  ASSERT_EQ(listed.searches_size(), 1);
  EXPECT_EQ(listed.searches(0).nom(), "Lits chauds");
  // Another user sees none of them.
  v1::ListSavedSearchesResponse others;
  ASSERT_TRUE(ServiceFor(authz::testing::UserWith({}, "user-2"))
                  ->ListSavedSearches(&context_, &list, &others)
                  .ok());
  EXPECT_EQ(others.searches_size(), 0);
  v1::DeleteSavedSearchRequest remove;
  remove.set_id(saved.id());
  v1::DeleteSavedSearchResponse removed;
  ASSERT_TRUE(service->DeleteSavedSearch(&context_, &remove, &removed).ok());
  v1::ListSavedSearchesResponse after;
  ASSERT_TRUE(service->ListSavedSearches(&context_, &list, &after).ok());
  EXPECT_EQ(after.searches_size(), 0);
}

TEST_F(SearchGrpcServiceTest, WithoutAGuideTheGuideIsAFailedPrecondition) {
  v1::GetGuideRequest request;
  v1::Guide guide;
  EXPECT_EQ(ServiceFor(authz::Anonymous())->GetGuide(&context_, &request, &guide).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(SearchGrpcServiceTest, IndexStatusCountsOnlyWhatTheCallerMaySee) {
  v1::OffreContent sensitive;
  sensitive.set_nom("Unité sensible");
  sensitive.set_champ_activite("03");
  sensitive.set_unite_sensible(true);
  ASSERT_TRUE(directory_.Apply(testing::PublishedOffre("o2", "010000024", sensitive)).ok());
  v1::GetIndexStatusRequest request;
  v1::IndexStatus open;
  ASSERT_TRUE(ServiceFor(authz::Anonymous())->GetIndexStatus(&context_, &request, &open).ok());
  EXPECT_EQ(open.bus_lag(), 3);
  EXPECT_EQ(open.etablissements(), 1);
  EXPECT_EQ(open.offres(), 1);
  v1::IndexStatus all;
  ASSERT_TRUE(
      ServiceFor(authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)}))
          ->GetIndexStatus(&context_, &request, &all)
          .ok());
  EXPECT_EQ(all.offres(), 2);
}

}  // namespace
}  // namespace ror::search::api
