#include <filesystem>

#include "libs/eventstore/event_store_contract.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/temp_dir.h"

namespace ror::eventstore::testing {
namespace {

class MemoryFixture {
 public:
  std::unique_ptr<EventStore> Open() {
    auto store = std::make_unique<MemoryEventStore>(clock_, data_);
    data_ = store->data();
    return store;
  }

 private:
  SystemClock clock_;
  std::shared_ptr<MemoryEventStore::Data> data_;
};

class RocksDbFixture {
 public:
  std::unique_ptr<EventStore> Open() {
    auto store = RocksDbEventStore::Open({.path = dir_.path() / "store"}, clock_);
    EXPECT_TRUE(store.ok()) << store.status();
    return std::move(*store);
  }

 private:
  SystemClock clock_;
  ror::testing::TempDir dir_;
};

using Fixtures = ::testing::Types<MemoryFixture, RocksDbFixture>;
INSTANTIATE_TYPED_TEST_SUITE_P(Stores, EventStoreContract, Fixtures);

}  // namespace
}  // namespace ror::eventstore::testing
