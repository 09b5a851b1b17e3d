#include "thread_pool.h"

#include <chrono>
#include <system_error>

namespace backprop {

ThreadPool& ThreadPool::instance() {
  // Leaked on purpose: joining threads from a static destructor at process exit can hang
  // when the addon lives in several worker_threads; sleeping threads end with the process.
  static ThreadPool* pool = new ThreadPool();
  return *pool;
}

bool ThreadPool::try_acquire() { return section_.try_lock(); }

void ThreadPool::release() { section_.unlock(); }

void ThreadPool::grow(int workers) {
  std::lock_guard<std::mutex> lock(mutex_);
  while (static_cast<int>(workers_.size()) < workers) {
    const int slot = static_cast<int>(workers_.size()) + 1;
    try {
      workers_.emplace_back([this, slot] { worker_main(slot); });
    } catch (const std::system_error&) {
      return;  // no more threads: run with the ones we have
    }
  }
}

int ThreadPool::run(int participants, int tasks, TaskFn fn, void* ctx) {
  if (participants > tasks) participants = tasks;
  if (participants > 1) grow(participants - 1);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const int available = static_cast<int>(workers_.size());
    section_workers_ = participants - 1 < available ? participants - 1 : available;
    if (section_workers_ < 0) section_workers_ = 0;
    participants = section_workers_ + 1;
    tasks_ = tasks;
    next_task_ = 0;
    done_tasks_.store(0, std::memory_order_relaxed);
    fn_ = fn;
    ctx_ = ctx;
    generation_.fetch_add(1, std::memory_order_release);
  }
  if (participants > 1) wake_.notify_all();
  work(0);
  // The section ends when every task is done, not when every worker has woken: a worker whose
  // core is busy may wake after the caller has run all the tasks itself, and then finds none.
  const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
  for (int i = 0; done_tasks_.load(std::memory_order_acquire) != tasks; ++i) {
    if ((i & 63) == 63 && std::chrono::steady_clock::now() > spin_until) break;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [&] { return done_tasks_.load(std::memory_order_acquire) == tasks; });
  // Late workers see no task left and never touch fn_/ctx_ (the caller's stack) again.
  fn_ = nullptr;
  ctx_ = nullptr;
  return participants;
}

void ThreadPool::work(int slot) {
  for (;;) {
    int task;
    TaskFn fn;
    void* ctx;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // A worker that woke late may find a later section, in which it may have no part.
      if (next_task_ >= tasks_ || slot > section_workers_) return;
      task = next_task_++;
      fn = fn_;
      ctx = ctx_;
    }
    fn(ctx, task, slot);
    // Counted under the mutex, so a caller between its check and its wait cannot miss it.
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_tasks_.fetch_add(1, std::memory_order_acq_rel) + 1 == tasks_) done_.notify_one();
  }
}

void ThreadPool::worker_main(int slot) {
  std::uint64_t seen = 0;
  for (;;) {
    // Watch briefly for the next section before sleeping (see the header).
    const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
    for (int i = 0; generation_.load(std::memory_order_acquire) == seen; ++i) {
      if ((i & 63) == 63 && std::chrono::steady_clock::now() > spin_until) break;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_relaxed) != seen; });
      seen = generation_.load(std::memory_order_relaxed);
    }
    work(slot);
  }
}

}  // namespace backprop
