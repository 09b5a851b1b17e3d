// The thread pool: every task runs exactly once, slots stay in range, it is reusable many
// times with changing participants, a second caller finds it busy instead of deadlocking, and threads sleep when idle.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#if defined(__linux__)
#include <dirent.h>
#include <unistd.h>
#endif

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

#if defined(__linux__)
// Threads of this process other than the caller that are not sleeping: state R (running or
// runnable) in /proc/self/task/<tid>/stat. Only the pool's workers exist besides main here.
int awake_threads() {
  int awake = 0;
  const std::string self = std::to_string(getpid());
  DIR* dir = opendir("/proc/self/task");
  if (dir == nullptr) return -1;
  while (const dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.' || self == entry->d_name) continue;
    const std::string path = std::string("/proc/self/task/") + entry->d_name + "/stat";
    FILE* file = std::fopen(path.c_str(), "r");
    if (file == nullptr) continue;
    char line[512] = {0};
    const std::size_t got = std::fread(line, 1, sizeof line - 1, file);
    std::fclose(file);
    line[got] = 0;
    const char* paren = std::strrchr(line, ')');  // "tid (name) S ...": the name may hold spaces
    if (paren != nullptr && paren[1] == ' ' && paren[2] == 'R') ++awake;
  }
  closedir(dir);
  return awake;
}
#endif

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
#if defined(__linux__)
  // Idle workers must end up asleep (they spin ≤ 200 µs, then wait on the condition variable): a
  // pool that kept spinning would take the cores from everything else. Not a timing check: it
  // waits as long as 10 s for every worker to be seen asleep at once.
  {
    int awake = -1;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((awake = awake_threads()) != 0 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(awake == 0, "%d idle pool thread(s) still running after 10 s: they must sleep", awake);
  }
#endif
  return backprop_test::finish("thread_pool_test");
}
