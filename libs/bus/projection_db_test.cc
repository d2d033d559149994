#include "libs/bus/projection_db.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"

namespace ror::bus {
namespace {

class ProjectionDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        db_, ProjectionDb::Open({.path = dir_.path().string(), .column_families = {"rows"}}));
  }
  testing::TempDir dir_;
  std::unique_ptr<ProjectionDb> db_;
};

TEST_F(ProjectionDbTest, AWriteSeesItsOwnRowsBeforeCommit) {
  ProjectionWrite write(*db_);
  write.Put("rows", "a", "1");
  write.SetAppliedVersion("offre-1", 4);
  ASSERT_OK_AND_ASSIGN(auto row, write.Get("rows", "a"));
  EXPECT_EQ(row, "1");
  ASSERT_OK_AND_ASSIGN(int64_t version, write.AppliedVersion("offre-1"));
  EXPECT_EQ(version, 4);
  // Nothing reaches the database before the commit.
  ASSERT_OK_AND_ASSIGN(auto before, db_->Get("rows", "a"));
  EXPECT_FALSE(before.has_value());
  ASSERT_OK(db_->Commit(write));
  ASSERT_OK_AND_ASSIGN(auto after, db_->Get("rows", "a"));
  EXPECT_EQ(after, "1");
}

TEST_F(ProjectionDbTest, RowsAndOffsetsCommitTogetherAndSurviveReopen) {
  ProjectionWrite write(*db_);
  write.Put("rows", "a", "1");
  write.SetOffset("ror.offre.events.v1", 2, 17);
  ASSERT_OK(db_->Commit(write));
  db_.reset();
  ASSERT_OK_AND_ASSIGN(
      db_, ProjectionDb::Open({.path = dir_.path().string(), .column_families = {"rows"}}));
  ASSERT_OK_AND_ASSIGN(auto offset, db_->Offset("ror.offre.events.v1", 2));
  EXPECT_EQ(offset, 17);
  ASSERT_OK_AND_ASSIGN(auto none, db_->Offset("ror.offre.events.v1", 3));
  EXPECT_FALSE(none.has_value());
}

TEST_F(ProjectionDbTest, AWriteOfOffsetsAloneCommitsTheLastOfEachPartition) {
  ProjectionWrite write(*db_);
  write.SetOffset("t", 0, 5);
  write.SetOffset("t", 1, 3);
  write.SetOffset("t", 0, 9);
  EXPECT_FALSE(write.empty());
  ASSERT_OK(db_->Commit(write));
  EXPECT_TRUE(write.empty());
  ASSERT_OK_AND_ASSIGN(auto first, db_->Offset("t", 0));
  EXPECT_EQ(first, 9);
  ASSERT_OK_AND_ASSIGN(auto second, db_->Offset("t", 1));
  EXPECT_EQ(second, 3);
}

TEST_F(ProjectionDbTest, ClearEmptiesRowsVersionsAndOffsetsButKeepsMeta) {
  ProjectionWrite write(*db_);
  for (int i = 0; i < 100; ++i)
    write.Put("rows", std::string(1, static_cast<char>(i)) + "\xff", "x");
  write.SetAppliedVersion("offre-1", 2);
  write.SetOffset("t", 0, 5);
  ASSERT_OK(db_->Commit(write));
  ASSERT_OK(db_->PutMeta("cluster_id", "c1"));
  ASSERT_OK(db_->Clear());
  int rows = 0;
  ASSERT_OK(db_->Scan("rows", "", [&](absl::string_view, absl::string_view) {
    ++rows;
    return true;
  }));
  EXPECT_EQ(rows, 0);
  ProjectionWrite fresh(*db_);
  ASSERT_OK_AND_ASSIGN(int64_t version, fresh.AppliedVersion("offre-1"));
  EXPECT_EQ(version, 0);
  ASSERT_OK_AND_ASSIGN(auto offset, db_->Offset("t", 0));
  EXPECT_FALSE(offset.has_value());
  ASSERT_OK_AND_ASSIGN(auto meta, db_->Meta("cluster_id"));
  EXPECT_EQ(meta, "c1");
}

TEST_F(ProjectionDbTest, ScanFromStartsAtTheKeyAndRunsToTheEnd) {
  ProjectionWrite write(*db_);
  for (const char* key : {"a1", "a2", "b1", "c1"}) write.Put("rows", key, key);
  ASSERT_OK(db_->Commit(write));
  std::vector<std::string> seen;
  ASSERT_OK(db_->ScanFrom("rows", "a2", [&](absl::string_view key, absl::string_view) {
    seen.emplace_back(key);
    return key != "b1";
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"a2", "b1"}));
  seen.clear();
  ASSERT_OK(db_->Scan("rows", "a", [&](absl::string_view key, absl::string_view) {
    seen.emplace_back(key);
    return true;
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"a1", "a2"}));
}

TEST_F(ProjectionDbTest, DeleteRangeRemovesTheKeysFromBeginToBeforeEnd) {
  ProjectionWrite write(*db_);
  for (const char* key : {"a1", "a2", "b1", "b2", "c1"}) write.Put("rows", key, key);
  ASSERT_OK(db_->Commit(write));
  ASSERT_OK(db_->DeleteRange("rows", "a2", "b2"));
  std::vector<std::string> seen;
  ASSERT_OK(db_->ScanFrom("rows", "", [&](absl::string_view key, absl::string_view) {
    seen.emplace_back(key);
    return true;
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"a1", "b2", "c1"}));
  EXPECT_EQ(db_->DeleteRange("nope", "a", "b").code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(ProjectionDbTest, UnknownColumnFamilyIsAnError) {
  EXPECT_EQ(db_->Get("nope", "a").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ror::bus
