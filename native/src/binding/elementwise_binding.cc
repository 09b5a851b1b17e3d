// add/sub/mul(n, a, b, out), mulAdd(n, a, b, c), axpy(n, alpha, x, y), scale(n, alpha, x),
// sumSquares(n, x) → Σx², l1Gradient(n, lambda, w, g)
#include "args.h"
#include "elementwise.h"
#include "ops.h"

namespace backprop {
namespace binding {
namespace {

using BinaryKernel = void (*)(index_t, const float*, const float*, float*);

// out = a ⊙ b for the three binary ops: out may be a or b, but not a shifted view of them.
napi_value binary(napi_env env, napi_callback_info info, const char* fn, BinaryKernel kernel) {
  Args args;
  if (!get_args(env, info, fn, 4, &args)) return nullptr;
  index_t n;
  FloatView a, b, out;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "a", n, "n", &a) || !get_floats(args, 2, "b", n, "n", &b) ||
      !get_floats(args, 3, "out", n, "n", &out) || !same_or_disjoint(args, out, "out", a, "a") ||
      !same_or_disjoint(args, out, "out", b, "b")) {
    return nullptr;
  }
  kernel(n, a.data, b.data, out.data);
  return nullptr;
}

}  // namespace

napi_value Add(napi_env env, napi_callback_info info) { return binary(env, info, "add", &add); }
napi_value Sub(napi_env env, napi_callback_info info) { return binary(env, info, "sub", &sub); }
napi_value Mul(napi_env env, napi_callback_info info) { return binary(env, info, "mul", &mul); }

napi_value MulAdd(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "mulAdd", 4, &args)) return nullptr;
  index_t n;
  FloatView a, b, c;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "a", n, "n", &a) || !get_floats(args, 2, "b", n, "n", &b) ||
      !get_floats(args, 3, "c", n, "n", &c) || !disjoint(args, c, "c", a, "a") || !disjoint(args, c, "c", b, "b")) {
    return nullptr;
  }
  mul_add(n, a.data, b.data, c.data);
  return nullptr;
}

napi_value Axpy(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "axpy", 4, &args)) return nullptr;
  index_t n;
  double alpha;
  FloatView x, y;
  if (!get_size(args, 0, "n", &n) || !get_number(args, 1, "alpha", &alpha) || !get_floats(args, 2, "x", n, "n", &x) ||
      !get_floats(args, 3, "y", n, "n", &y) || !same_or_disjoint(args, y, "y", x, "x")) {
    return nullptr;
  }
  axpy(n, alpha, x.data, y.data);
  return nullptr;
}

napi_value Scale(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "scale", 3, &args)) return nullptr;
  index_t n;
  double alpha;
  FloatView x;
  if (!get_size(args, 0, "n", &n) || !get_number(args, 1, "alpha", &alpha) || !get_floats(args, 2, "x", n, "n", &x)) {
    return nullptr;
  }
  scale(n, alpha, x.data);
  return nullptr;
}

napi_value SumSquares(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "sumSquares", 2, &args)) return nullptr;
  index_t n;
  FloatView x;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "x", n, "n", &x)) return nullptr;
  return make_number(env, sum_squares(n, x.data));
}

// g += λ·sign(w): g may be w itself but not a shifted view of it.
napi_value L1Gradient(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "l1Gradient", 4, &args)) return nullptr;
  index_t n;
  double lambda;
  FloatView w, g;
  if (!get_size(args, 0, "n", &n) || !get_number(args, 1, "lambda", &lambda) || !get_floats(args, 2, "w", n, "n", &w) ||
      !get_floats(args, 3, "g", n, "n", &g) || !same_or_disjoint(args, g, "g", w, "w")) {
    return nullptr;
  }
  l1_gradient(n, lambda, w.data, g.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
