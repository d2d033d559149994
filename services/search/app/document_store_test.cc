#include "services/search/app/document_store.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"

namespace ror::search::app {
namespace {

using ::ror::testing::IsOkAndHolds;
using ::testing::ElementsAre;
using ::testing::Optional;

v1::search::StoredDocument Named(const std::string& id, const std::string& nom) {
  v1::search::StoredDocument stored;
  stored.set_id(id);
  stored.set_nom(nom);
  return stored;
}

std::optional<std::string> NomOf(const DocumentStore& store, const std::string& versioned_key) {
  absl::StatusOr<std::optional<v1::search::StoredDocument>> stored = store.Get(versioned_key);
  EXPECT_OK(stored.status());
  if (!stored.ok() || !stored->has_value()) return std::nullopt;
  return (*stored)->nom();
}

std::vector<std::string> LatestNoms(const DocumentStore& store) {
  std::vector<std::string> noms;
  EXPECT_OK(store.ForEachLatest(
      [&](const v1::search::StoredDocument& stored) { noms.push_back(stored.nom()); }));
  return noms;
}

TEST(DocumentStoreTest, AReplacedVersionStaysUntilTheNextCommit) {
  ror::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<DocumentStore> store, DocumentStore::Open(dir.path()));
  const std::string v10 = VersionedKey("o:1", 10), v20 = VersionedKey("o:1", 20);
  DocumentStore::Batch batch(*store);
  batch.Put(v10, Named("1", "Cardiologie"));
  batch.Put(VersionedKey("o:2", 10), Named("2", "Rhumatologie"));
  ASSERT_OK(store->Commit(batch, 10));

  batch.Put(v20, Named("1", "Cardiologie pédiatrique"));
  batch.Replace(v10);
  ASSERT_OK(store->Commit(batch, 20));
  // A reader a commit behind still finds the version it indexed.
  EXPECT_THAT(NomOf(*store, v10), Optional(std::string("Cardiologie")));
  EXPECT_THAT(NomOf(*store, v20), Optional(std::string("Cardiologie pédiatrique")));
  EXPECT_THAT(LatestNoms(*store), ElementsAre("Cardiologie pédiatrique", "Rhumatologie"));

  store.reset();  // what a commit replaced is remembered across a restart
  ASSERT_OK_AND_ASSIGN(store, DocumentStore::Open(dir.path()));
  DocumentStore::Batch next(*store);
  ASSERT_OK(store->Commit(next, 30));
  EXPECT_EQ(NomOf(*store, v10), std::nullopt);
  EXPECT_THAT(NomOf(*store, v20), Optional(std::string("Cardiologie pédiatrique")));
  EXPECT_THAT(store->Change(), IsOkAndHolds(30u));
}

// A page's hits in one read: in the order asked, a version gone as nothing.
TEST(DocumentStoreTest, SeveralAreReadTogetherInTheirOrder) {
  ror::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<DocumentStore> store, DocumentStore::Open(dir.path()));
  DocumentStore::Batch batch(*store);
  batch.Put(VersionedKey("o:1", 10), Named("1", "Cardiologie"));
  batch.Put(VersionedKey("o:2", 10), Named("2", "Rhumatologie"));
  ASSERT_OK(store->Commit(batch, 10));
  ASSERT_OK_AND_ASSIGN(
      const std::vector<std::optional<v1::search::StoredDocument>> read,
      store->GetMany({VersionedKey("o:2", 10), VersionedKey("o:9", 10), VersionedKey("o:1", 10)}));
  ASSERT_EQ(read.size(), 3u);
  ASSERT_TRUE(read[0].has_value());
  EXPECT_EQ(read[0]->nom(), "Rhumatologie");
  EXPECT_FALSE(read[1].has_value());
  ASSERT_TRUE(read[2].has_value());
  EXPECT_EQ(read[2]->nom(), "Cardiologie");
  ASSERT_OK_AND_ASSIGN(const auto none, store->GetMany({}));
  EXPECT_TRUE(none.empty());
}

TEST(DocumentStoreTest, ClearThrowsEveryDocumentAway) {
  ror::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<DocumentStore> store, DocumentStore::Open(dir.path()));
  DocumentStore::Batch batch(*store);
  batch.Put(VersionedKey("e:010000024", 5), Named("010000024", "CH DE FLEYRIAT"));
  ASSERT_OK(store->Bulk(batch));
  ASSERT_OK(store->Flush());
  ASSERT_OK(store->Commit(batch, 5));
  EXPECT_THAT(LatestNoms(*store), ElementsAre("CH DE FLEYRIAT"));

  ASSERT_OK(store->Clear());
  EXPECT_THAT(LatestNoms(*store), ElementsAre());
  EXPECT_EQ(NomOf(*store, VersionedKey("e:010000024", 5)), std::nullopt);
  EXPECT_THAT(store->Change(), IsOkAndHolds(0u));
}

}  // namespace
}  // namespace ror::search::app
