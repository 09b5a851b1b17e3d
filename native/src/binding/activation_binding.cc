// activation(kind, n, x, y, alpha), activationBackward(kind, n, y, dy, dx, alpha),
// activationBackwardFromInput(kind, n, x, dy, dx, alpha),
// softmax(rows, cols, x, y), softmaxBackward(rows, cols, y, dy, dx)
#include <cstring>

#include "activations.h"
#include "args.h"
#include "ops.h"
#include "softmax.h"

namespace backprop {
namespace binding {
namespace {

constexpr const char* kKindNames[kActivationCount] = {"linear", "sigmoid", "tanh",      "relu",     "leaky-relu", "elu",
                                                      "selu",   "gelu",    "gelu-tanh", "softplus", "silu",       "mish"};
constexpr const char* kKindList =
    "'linear', 'sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'selu', 'gelu', 'gelu-tanh', 'softplus', 'silu', 'mish'";

// Reads the kind string into a stack buffer (no allocation) and maps it to the enum.
bool get_kind(Args& args, std::size_t index, Activation* out) {
  napi_valuetype type;
  char name[24];
  std::size_t length = 0;
  if (napi_typeof(args.env, args.argv[index], &type) != napi_ok || type != napi_string) {
    throw_type_error(args, "kind must be a string: %s", kKindList);
    return false;
  }
  if (napi_get_value_string_utf8(args.env, args.argv[index], name, sizeof name, &length) == napi_ok) {
    for (int i = 0; i < kActivationCount; ++i) {
      if (std::strcmp(name, kKindNames[i]) == 0 && length == std::strlen(kKindNames[i])) {
        *out = static_cast<Activation>(i);
        return true;
      }
    }
  }
  throw_range_error(args, "kind must be one of %s", kKindList);
  return false;
}

// activationBackward takes f' from y: only the kinds whose derivative is a function of y.
bool get_output_kind(Args& args, std::size_t index, Activation* out) {
  if (!get_kind(args, index, out)) return false;
  if (static_cast<int>(*out) < kOutputDerivativeCount) return true;
  throw_range_error(args, "kind '%s' has no derivative in terms of its output: use activationBackwardFromInput",
                    kKindNames[static_cast<int>(*out)]);
  return false;
}

}  // namespace

napi_value ActivationForward(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "activation", 5, &args)) return nullptr;
  Activation kind;
  index_t n;
  double alpha;
  FloatView x, y;
  if (!get_kind(args, 0, &kind) || !get_size(args, 1, "n", &n) || !get_floats(args, 2, "x", n, "n", &x) ||
      !get_floats(args, 3, "y", n, "n", &y) || !get_number(args, 4, "alpha", &alpha) ||
      !same_or_disjoint(args, y, "y", x, "x")) {
    return nullptr;
  }
  activation(kind, n, x.data, y.data, alpha);
  return nullptr;
}

napi_value ActivationBackward(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "activationBackward", 6, &args)) return nullptr;
  Activation kind;
  index_t n;
  double alpha;
  FloatView y, dy, dx;
  if (!get_output_kind(args, 0, &kind) || !get_size(args, 1, "n", &n) || !get_floats(args, 2, "y", n, "n", &y) ||
      !get_floats(args, 3, "dy", n, "n", &dy) || !get_floats(args, 4, "dx", n, "n", &dx) ||
      !get_number(args, 5, "alpha", &alpha) || !same_or_disjoint(args, dx, "dx", dy, "dy") ||
      !same_or_disjoint(args, dx, "dx", y, "y")) {
    return nullptr;
  }
  activation_backward(kind, n, y.data, dy.data, dx.data, alpha);
  return nullptr;
}

napi_value ActivationBackwardFromInput(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "activationBackwardFromInput", 6, &args)) return nullptr;
  Activation kind;
  index_t n;
  double alpha;
  FloatView x, dy, dx;
  if (!get_kind(args, 0, &kind) || !get_size(args, 1, "n", &n) || !get_floats(args, 2, "x", n, "n", &x) ||
      !get_floats(args, 3, "dy", n, "n", &dy) || !get_floats(args, 4, "dx", n, "n", &dx) ||
      !get_number(args, 5, "alpha", &alpha) || !same_or_disjoint(args, dx, "dx", dy, "dy") ||
      !same_or_disjoint(args, dx, "dx", x, "x")) {
    return nullptr;
  }
  activation_backward_from_input(kind, n, x.data, dy.data, dx.data, alpha);
  return nullptr;
}

napi_value Softmax(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "softmax", 4, &args)) return nullptr;
  index_t rows, cols, total;
  FloatView x, y;
  if (!get_size(args, 0, "rows", &rows) || !get_size(args, 1, "cols", &cols) ||
      !size_product(args, rows, cols, "rows·cols", &total) || !get_floats(args, 2, "x", total, "rows·cols", &x) ||
      !get_floats(args, 3, "y", total, "rows·cols", &y) || !same_or_disjoint(args, y, "y", x, "x")) {
    return nullptr;
  }
  softmax(rows, cols, x.data, y.data);
  return nullptr;
}

napi_value SoftmaxBackward(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "softmaxBackward", 5, &args)) return nullptr;
  index_t rows, cols, total;
  FloatView y, dy, dx;
  if (!get_size(args, 0, "rows", &rows) || !get_size(args, 1, "cols", &cols) ||
      !size_product(args, rows, cols, "rows·cols", &total) || !get_floats(args, 2, "y", total, "rows·cols", &y) ||
      !get_floats(args, 3, "dy", total, "rows·cols", &dy) || !get_floats(args, 4, "dx", total, "rows·cols", &dx) ||
      !same_or_disjoint(args, dx, "dx", dy, "dy") || !same_or_disjoint(args, dx, "dx", y, "y")) {
    return nullptr;
  }
  softmax_backward(rows, cols, y.data, dy.data, dx.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
