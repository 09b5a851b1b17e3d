// sgdStep(n, weights, grads, velocity|null, lr, momentum, nesterov, weightDecay)
// adamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step)
#include <cmath>

#include "args.h"
#include "ops.h"
#include "optimizers.h"

namespace backprop {
namespace binding {

napi_value SgdStep(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "sgdStep", 8, &args)) return nullptr;
  index_t n;
  double lr, momentum, weight_decay;
  bool nesterov;
  FloatView weights, grads, velocity;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "weights", n, "n", &weights) ||
      !get_floats(args, 2, "grads", n, "n", &grads) || !get_floats(args, 3, "velocity", n, "n", &velocity, true) ||
      !get_number(args, 4, "lr", &lr) || !get_number(args, 5, "momentum", &momentum) ||
      !get_bool(args, 6, "nesterov", &nesterov) || !get_number(args, 7, "weightDecay", &weight_decay)) {
    return nullptr;
  }
  if (momentum > 0 && velocity.data == nullptr && n > 0) {
    throw_type_error(args, "velocity is required when momentum > 0");
    return nullptr;
  }
  if (!same_or_disjoint(args, weights, "weights", grads, "grads") ||
      !same_or_disjoint(args, velocity, "velocity", weights, "weights") ||
      !same_or_disjoint(args, velocity, "velocity", grads, "grads")) {
    return nullptr;
  }
  sgd_step(n, weights.data, grads.data, velocity.data, lr, momentum, nesterov, weight_decay);
  return nullptr;
}

napi_value AdamStep(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "adamStep", 12, &args)) return nullptr;
  index_t n;
  double lr, beta1, beta2, eps, weight_decay, step;
  bool decoupled;
  FloatView weights, grads, m, v;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "weights", n, "n", &weights) ||
      !get_floats(args, 2, "grads", n, "n", &grads) || !get_floats(args, 3, "m", n, "n", &m) ||
      !get_floats(args, 4, "v", n, "n", &v) || !get_number(args, 5, "lr", &lr) ||
      !get_number(args, 6, "beta1", &beta1) || !get_number(args, 7, "beta2", &beta2) ||
      !get_number(args, 8, "eps", &eps) || !get_number(args, 9, "weightDecay", &weight_decay) ||
      !get_bool(args, 10, "decoupled", &decoupled) || !get_number(args, 11, "step", &step)) {
    return nullptr;
  }
  if (!(step >= 1) || std::floor(step) != step) {
    throw_range_error(args, "step must be an integer ≥ 1 (the 1-based step count, got %.17g)", step);
    return nullptr;
  }
  const FloatView* views[4] = {&weights, &grads, &m, &v};
  const char* names[4] = {"weights", "grads", "m", "v"};
  for (int i = 0; i < 4; ++i) {
    for (int j = i + 1; j < 4; ++j) {
      if (!same_or_disjoint(args, *views[i], names[i], *views[j], names[j])) return nullptr;
    }
  }
  adam_step(n, weights.data, grads.data, m.data, v.data, lr, beta1, beta2, eps, weight_decay, decoupled, step);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
