// The thread pool: every task runs exactly once, slots stay in range, it is reusable many
// times with changing participants, a second caller finds it busy instead of deadlocking, and threads sleep when idle.
#include <atomic>
#include <thread>

#include "check.h"
#include "thread_pool.h"

using backprop::ThreadPool;

namespace {

struct Counts {
  std::atomic<int> runs[64];
  std::atomic<int> bad_slot{0};
  int participants;
};

void count_task(void* ctx, int task, int slot) {
  Counts& counts = *static_cast<Counts*>(ctx);
  counts.runs[task].fetch_add(1);
  if (slot < 0 || slot >= counts.participants) counts.bad_slot.fetch_add(1);
}

}  // namespace

int main() {
  ThreadPool& pool = ThreadPool::instance();
  // Back-to-back sections with a changing number of participants: a worker that wakes late
  // must only join a later section if it has a slot there.
  for (int pass = 0; pass < 4; ++pass) {
    for (int round = 0; round < 200; ++round) {
      const int participants = 1 + (round + pass) % 4;
      const int tasks = 1 + (round % 40);
      Counts counts;
      for (auto& r : counts.runs) r.store(0);
      counts.participants = participants;
      CHECK(pool.try_acquire(), "the pool must be free");
      const int used = pool.run(participants, tasks, &count_task, &counts);
      pool.release();
      CHECK(used >= 1 && used <= participants, "participants used: %d", used);
      for (int t = 0; t < tasks; ++t) CHECK(counts.runs[t].load() == 1, "task %d ran %d times", t, counts.runs[t].load());
      CHECK(counts.bad_slot.load() == 0, "slot out of range");
    }
  }
  // While one thread holds the pool, another cannot take it (it runs its work alone instead).
  CHECK(pool.try_acquire(), "the pool must be free");
  bool other_got_it = true;
  std::thread other([&] { other_got_it = pool.try_acquire(); });
  other.join();
  CHECK(!other_got_it, "a second caller must find the pool busy");
  pool.release();
  return backprop_test::finish("thread_pool_test");
}
