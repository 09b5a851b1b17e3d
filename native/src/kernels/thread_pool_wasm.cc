// The thread pool of the WebAssembly build. The interface and the section protocol are those of
// thread_pool.cc; what differs is where the threads come from and how they sleep:
// - workers are Web Workers / worker_threads started by JavaScript, each running
//   thread_pool_worker_main on an instance of the module that shares this memory;
// - an idle worker sleeps in memory.atomic.wait32 on the section counter (after a short spin),
//   and a new section wakes it with memory.atomic.notify;
// - the caller never sleeps: it spins until the last task is done, because a browser's main
//   thread may not block (memory.atomic.wait32 traps there).
// Without the atomics feature (the single-thread build) no worker can exist and every section
// runs on the caller.
#include <atomic>

#include "thread_pool.h"

namespace backprop {
namespace {

/** A test-and-set lock over the section's fields, held for a few loads and stores at a time. */
class SpinLock {
 public:
  void lock() {
    while (flag_.exchange(1, std::memory_order_acquire) != 0) {
    }
  }
  void unlock() { flag_.store(0, std::memory_order_release); }

 private:
  std::atomic<int> flag_{0};
};

struct PoolState {
  std::atomic<int> section{0};     // 1 while a caller holds the pool (try_acquire)
  std::atomic<int> generation{0};  // bumped once per section; workers wait on it
  std::atomic<int> workers{0};     // workers that have entered thread_pool_worker_main
  std::atomic<int> done_tasks{0};
  std::atomic<int> trapped{0};  // a worker trapped inside a task: the section can never finish
  SpinLock lock;  // guards the fields below
  int section_workers = 0;
  int tasks = 0;
  int next_task = 0;
  ThreadPool::TaskFn fn = nullptr;
  void* ctx = nullptr;
};

PoolState g_pool;

// Spins a worker makes on the section counter before it sleeps: back-to-back sections (the
// GEMMs of one training step) then cost no wait/notify round trip.
constexpr int kWorkerSpins = 1 << 14;

void work(int slot) {
  for (;;) {
    int task;
    ThreadPool::TaskFn fn;
    void* ctx;
    g_pool.lock.lock();
    // A worker that woke late may find a later section, in which it may have no part.
    if (g_pool.next_task >= g_pool.tasks || slot > g_pool.section_workers) {
      g_pool.lock.unlock();
      return;
    }
    task = g_pool.next_task++;
    fn = g_pool.fn;
    ctx = g_pool.ctx;
    g_pool.lock.unlock();
    fn(ctx, task, slot);
    g_pool.done_tasks.fetch_add(1, std::memory_order_acq_rel);
  }
}

}  // namespace

ThreadPool& ThreadPool::instance() {
  static ThreadPool pool;
  return pool;
}

bool ThreadPool::try_acquire() { return g_pool.section.exchange(1, std::memory_order_acquire) == 0; }

void ThreadPool::release() { g_pool.section.store(0, std::memory_order_release); }

int ThreadPool::run(int participants, int tasks, TaskFn fn, void* ctx) {
  if (participants > tasks) participants = tasks;
  const int available = g_pool.workers.load(std::memory_order_acquire);
  int section_workers = participants - 1 < available ? participants - 1 : available;
  if (section_workers < 0) section_workers = 0;
  g_pool.lock.lock();
  g_pool.section_workers = section_workers;
  g_pool.tasks = tasks;
  g_pool.next_task = 0;
  g_pool.done_tasks.store(0, std::memory_order_relaxed);
  g_pool.fn = fn;
  g_pool.ctx = ctx;
  g_pool.generation.fetch_add(1, std::memory_order_release);
  g_pool.lock.unlock();
#if defined(__wasm_atomics__)
  if (section_workers > 0) {
    __builtin_wasm_memory_atomic_notify(reinterpret_cast<int*>(&g_pool.generation), static_cast<unsigned>(section_workers));
  }
#endif
  work(0);
  // The section ends when every task is done, not when every worker has woken (see thread_pool.cc).
  while (g_pool.done_tasks.load(std::memory_order_acquire) != tasks) {
    if (g_pool.trapped.exchange(0, std::memory_order_acq_rel) != 0) {
      // A task died with its worker: give the pool back and trap here too, so that the op
      // fails as a whole (the JavaScript side reports it) instead of waiting forever.
      g_pool.lock.lock();
      g_pool.next_task = g_pool.tasks;
      g_pool.lock.unlock();
      g_pool.section.store(0, std::memory_order_release);
      __builtin_trap();
    }
  }
  g_pool.lock.lock();
  g_pool.fn = nullptr;
  g_pool.ctx = nullptr;
  g_pool.lock.unlock();
  return section_workers + 1;
}

void thread_pool_worker_main(int slot) {
  g_pool.workers.fetch_add(1, std::memory_order_acq_rel);
  int seen = g_pool.generation.load(std::memory_order_acquire);
  for (;;) {
    for (int i = 0; i < kWorkerSpins && g_pool.generation.load(std::memory_order_acquire) == seen; ++i) {
    }
#if defined(__wasm_atomics__)
    while (g_pool.generation.load(std::memory_order_acquire) == seen) {
      // Returns at once when the counter has already moved on (the value differs from `seen`).
      __builtin_wasm_memory_atomic_wait32(reinterpret_cast<int*>(&g_pool.generation), seen, -1);
    }
#endif
    seen = g_pool.generation.load(std::memory_order_acquire);
    work(slot);
  }
}

void thread_pool_worker_trapped() {
  g_pool.workers.fetch_sub(1, std::memory_order_acq_rel);
  g_pool.trapped.store(1, std::memory_order_release);
}

int thread_pool_workers() { return g_pool.workers.load(std::memory_order_acquire); }

}  // namespace backprop
