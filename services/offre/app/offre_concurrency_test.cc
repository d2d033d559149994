// Eight référents save the same offre's draft at once, on a real RocksDB store: every save the
// handler acknowledges is in the stream exactly once, a save is refused only as ABORTED after the
// retries, and the stream versions stay contiguous.
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/temp_dir.h"
#include "services/offre/app/offre_app_testing.h"
#include "services/offre/app/offre_codec.h"
#include "services/offre/app/offre_handler.h"

namespace ror::offre::app {
namespace {

constexpr int kClients = 8;
constexpr int kSavesPerClient = 25;

TEST(OffreConcurrencyTest, ConcurrentDraftSavesLoseNothing) {
  testing::TempDir dir;
  SystemClock clock;
  IdGenerator ids(clock);
  ASSERT_OK_AND_ASSIGN(auto store, eventstore::RocksDbEventStore::Open(
                                       {.path = (dir.path() / "events").string()}, clock));
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  OffreHandler handler(*store, codes, fixtures::RepositoryModeles(), clock, ids);
  ASSERT_OK_AND_ASSIGN(
      domain::OffreState created,
      handler.CreateOffre(fixtures::Cardiologie(), fixtures::TestContext("create")));

  std::mutex mu;
  std::set<std::string> acknowledged;  // noms of the saves the handler said were applied
  int aborted = 0;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kSavesPerClient; ++i) {
        v1::OffreContent draft = *created.draft;
        draft.set_nom(absl::StrCat("HC Cardiologie ", c, "-", i));
        absl::StatusOr<domain::OffreState> saved = handler.SaveDraft(
            created.offre_id, draft, 1, fixtures::TestContext(absl::StrCat(c, "-", i)));
        std::lock_guard lock(mu);
        if (saved.ok()) {
          acknowledged.insert(draft.nom());
        } else {
          EXPECT_TRUE(absl::IsAborted(saved.status())) << saved.status();
          ++aborted;
        }
      }
    });
  }
  for (auto& t : clients) t.join();

  ASSERT_OK_AND_ASSIGN(std::vector<v1::EventEnvelope> stream,
                       store->ReadStream(StreamId(created.offre_id), 1, SIZE_MAX));
  std::multiset<std::string> written;
  for (size_t i = 0; i < stream.size(); ++i) {
    EXPECT_EQ(stream[i].stream_version(), static_cast<int64_t>(i + 1)) << "versions contiguous";
    ASSERT_OK_AND_ASSIGN(domain::Event event, Decode(stream[i]));
    if (const auto* updated = std::get_if<domain::OffreDraftUpdated>(&event)) {
      written.insert(updated->draft().nom());
    }
  }
  EXPECT_EQ(written.size(), acknowledged.size()) << "each acknowledged save written once";
  for (const std::string& nom : acknowledged) EXPECT_EQ(written.count(nom), 1u) << nom;
  EXPECT_EQ(static_cast<int>(acknowledged.size()) + aborted, kClients * kSavesPerClient);
  EXPECT_GT(acknowledged.size(), 0u);
  // The draft is the last save applied.
  ASSERT_OK_AND_ASSIGN(domain::OffreState final_state, handler.GetOffre(created.offre_id));
  ASSERT_OK_AND_ASSIGN(domain::Event last, Decode(stream.back()));
  EXPECT_EQ(final_state.draft->nom(), std::get<domain::OffreDraftUpdated>(last).draft().nom());
}

}  // namespace
}  // namespace ror::offre::app
