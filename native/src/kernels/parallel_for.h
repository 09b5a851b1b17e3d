// Fork-join loops over independent items (images, channels, rows) on the process-wide thread
// pool that GEMM uses, with GEMM's thread count. Small loops run on the calling thread: waking
// a worker costs ~10–30 µs, more than it saves below a few tens of thousands of element
// operations per thread.
#pragma once

#include "gemm.h"
#include "thread_pool.h"
#include "types.h"

namespace backprop {

/** Element operations a thread must get before a loop is split (see the header comment). */
constexpr double kMinWorkPerThread = 1 << 16;

/**
 * Runs body(begin, end) on contiguous chunks that together cover [0, count) exactly once, on up to
 * the configured number of threads (fewer when `work`, the loop's element operations in all, is
 * small). A body that writes only the outputs of its own items, each in a fixed order, gives the
 * same result whatever the split, so the result does not depend on the thread count.
 */
template <class Body>
void parallel_for(index_t count, double work, const Body& body) {
  if (count <= 0) return;
  int threads = gemm_default_config().threads;
  if (work < kMinWorkPerThread * threads) threads = static_cast<int>(work / kMinWorkPerThread);
  if (threads > count) threads = static_cast<int>(count);
  ThreadPool& pool = ThreadPool::instance();
  // One thread, or another JS thread holds the pool: run here alone rather than queue.
  if (threads <= 1 || !pool.try_acquire()) {
    body(index_t{0}, count);
    return;
  }
  struct Release {
    ThreadPool& pool;
    ~Release() { pool.release(); }
  } release{pool};
  // A few chunks per thread, handed out dynamically: a thread slowed by other load takes fewer.
  struct Job {
    const Body* body;
    index_t count;
    int tasks;
  } job{&body, count, static_cast<int>(count < 4 * threads ? count : 4 * threads)};
  pool.run(threads, job.tasks, [](void* ctx, int task, int) {
    const Job& j = *static_cast<const Job*>(ctx);
    (*j.body)(j.count * task / j.tasks, j.count * (task + 1) / j.tasks);
  }, &job);
}

}  // namespace backprop
