// gemm(transA, transB, m, n, k, alpha, a, b, beta, c)
#include <new>

#include "args.h"
#include "gemm.h"
#include "ops.h"

namespace backprop {
namespace binding {

napi_value Gemm(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "gemm", 10, &args)) return nullptr;
  bool trans_a, trans_b;
  index_t m, n, k, mk, kn, mn;
  double alpha, beta;
  FloatView a, b, c;
  if (!get_bool(args, 0, "transA", &trans_a) || !get_bool(args, 1, "transB", &trans_b) ||
      !get_size(args, 2, "m", &m) || !get_size(args, 3, "n", &n) || !get_size(args, 4, "k", &k) ||
      !get_number(args, 5, "alpha", &alpha) || !get_number(args, 8, "beta", &beta) ||
      !size_product(args, m, k, "m·k", &mk) || !size_product(args, k, n, "k·n", &kn) ||
      !size_product(args, m, n, "m·n", &mn)) {
    return nullptr;
  }
  if (mn == 0) {
    // An empty C (m = 0 or n = 0) is a no-op that reads nothing, as in BLAS's quick return.
    mk = 0;
    kn = 0;
  }
  if (!get_floats(args, 6, "a", mk, trans_a ? "k·m for op(A) = Aᵀ" : "m·k", &a) ||
      !get_floats(args, 7, "b", kn, trans_b ? "n·k for op(B) = Bᵀ" : "k·n", &b) ||
      !get_floats(args, 9, "c", mn, "m·n", &c) || !disjoint(args, c, "c", a, "a") || !disjoint(args, c, "c", b, "b")) {
    return nullptr;
  }
  try {
    gemm(trans_a, trans_b, m, n, k, static_cast<float>(alpha), a.data, b.data, static_cast<float>(beta), c.data);
  } catch (const std::bad_alloc&) {
    throw_error(args, "out of memory for the packing buffers (m=%lld, n=%lld, k=%lld)", static_cast<long long>(m),
                static_cast<long long>(n), static_cast<long long>(k));
  }
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
