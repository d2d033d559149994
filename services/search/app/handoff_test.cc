#include "services/search/app/handoff.h"

#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::search::app {
namespace {

TEST(HandoffTest, EveryChunkArrivesInOrderThenTakeSaysTheEnd) {
  Handoff<int> handoff(2);
  std::thread producer([&] {
    // EXPECT, not ASSERT: the producer must reach Close, or the consumer would wait forever.
    for (int i = 0; i < 100; ++i) {
      const bool put = handoff.Put({i, i + 1000});
      EXPECT_TRUE(put);
      if (!put) break;
    }
    handoff.Close();
  });
  std::vector<int> taken;
  std::vector<int> chunk;
  while (handoff.Take(chunk)) taken.insert(taken.end(), chunk.begin(), chunk.end());
  producer.join();
  ASSERT_EQ(taken.size(), 200u);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(taken[2 * i], i);
    EXPECT_EQ(taken[2 * i + 1], i + 1000);
  }
}

TEST(HandoffTest, AProducerWaitingForRoomReturnsWhenTheConsumerCancels) {
  Handoff<int> handoff(1);
  ASSERT_TRUE(handoff.Put({1}));
  bool second = true;
  std::thread producer([&] { second = handoff.Put({2}); });  // full: waits
  handoff.Cancel();
  producer.join();
  EXPECT_FALSE(second);
  EXPECT_FALSE(handoff.Put({3}));
}

}  // namespace
}  // namespace ror::search::app
