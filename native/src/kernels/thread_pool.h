// A persistent pool of worker threads for fork-join parallel sections (GEMM). Workers
// sleep on a condition variable between sections: an idle pool costs no CPU, and it never
// competes with another pool by spinning for long. Two short, bounded spins save the
// sleep/wake round trips that back-to-back GEMMs (a training step) would otherwise pay:
// - a worker that finished its tasks watches for the next section for ≤ 200 µs, then sleeps
//   (on a machine shared with other processes, a sleeping worker can wait milliseconds for a
//   core when woken, and the caller then does all the work alone);
// - the caller, once out of tasks, waits ≤ 50 µs for the last worker, then sleeps. One parallel section runs at a time; a caller
// that finds the pool busy (another JS thread is inside GEMM) runs its work itself.
#pragma once

#include <atomic>
#include <cstdint>
#if !defined(__wasm__)
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace backprop {

class ThreadPool {
 public:
  /** fn(ctx, task, slot): runs task `task` on participant `slot` (0 = the caller). */
  using TaskFn = void (*)(void* ctx, int task, int slot);

  /** The process-wide pool (created on first use, never destroyed: threads just sleep). */
  static ThreadPool& instance();

  /** Takes the pool for one parallel section; false if another thread holds it. */
  bool try_acquire();
  /** Gives the pool back after a section. */
  void release();

  /**
   * Runs tasks 0..tasks−1 over `participants` threads (the caller is slot 0) and returns when
   * all are done. Tasks are handed out dynamically, so a thread slowed by other load simply
   * takes fewer. Only between try_acquire() and release(). Returns the participants used
   * (fewer if worker threads could not be created).
   */
  int run(int participants, int tasks, TaskFn fn, void* ctx);

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

 private:
  ThreadPool() = default;
#if !defined(__wasm__)
  void grow(int workers);
  void worker_main(int slot);
  void work(int slot);

  std::mutex section_;  // held by the caller for a whole parallel section

  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;
  std::atomic<std::uint64_t> generation_{0};  // changed under mutex_, read by spinning workers
  std::atomic<int> done_tasks_{0};  // tasks of this section that have finished
  int section_workers_ = 0;  // workers (slots 1..) taking part in this section
  int tasks_ = 0;
  int next_task_ = 0;
  TaskFn fn_ = nullptr;
  void* ctx_ = nullptr;
#endif
};

#if defined(__wasm__)
/**
 * WebAssembly has no threads of its own: each worker is a Web Worker (or worker_thread) that
 * instantiates the module on the same shared memory and calls this, which serves parallel
 * sections as participant `slot` (≥ 1) and never returns. Slots must be 1, 2, … in any order.
 */
void thread_pool_worker_main(int slot);
/** Called by a worker whose thread_pool_worker_main trapped: it leaves the pool and the section in flight fails. */
void thread_pool_worker_trapped();
/** Workers that have entered thread_pool_worker_main: a section uses at most this many besides the caller. */
int thread_pool_workers();
#endif

}  // namespace backprop
