// sgdStep(n, weights, grads, velocity|null, lr, momentum, nesterov, weightDecay)
// adamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, decoupled, step)
// rmspropStep(n, weights, grads, squareAvg, gradAvg|null, momentumBuffer|null, lr, alpha, eps, weightDecay, momentum, centered)
// adagradStep(n, weights, grads, sum, lr, lrDecay, eps, weightDecay, step)
// adamaxStep(n, weights, grads, m, u, lr, beta1, beta2, eps, weightDecay, step)
// nadamStep(n, weights, grads, m, v, lr, beta1, beta2, eps, weightDecay, momentumDecay, muProduct, step)
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

namespace {

/** The 1-based step count: an integer ≥ 1 (RangeError otherwise). */
bool check_step(Args& args, double step) {
  if (!(step >= 1) || std::floor(step) != step) {
    throw_range_error(args, "step must be an integer ≥ 1 (the 1-based step count, got %.17g)", step);
    return false;
  }
  return true;
}

/** Every pair of the views (null ones included: those pass) is the same memory or disjoint. */
template <int N>
bool pairwise_disjoint(Args& args, const FloatView* const (&views)[N], const char* const (&names)[N]) {
  for (int i = 0; i < N; ++i) {
    for (int j = i + 1; j < N; ++j) {
      if (!same_or_disjoint(args, *views[i], names[i], *views[j], names[j])) return false;
    }
  }
  return true;
}

}  // namespace

napi_value RmspropStep(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "rmspropStep", 12, &args)) return nullptr;
  index_t n;
  double lr, alpha, eps, weight_decay, momentum;
  bool centered;
  FloatView weights, grads, square_avg, grad_avg, momentum_buffer;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "weights", n, "n", &weights) ||
      !get_floats(args, 2, "grads", n, "n", &grads) || !get_floats(args, 3, "squareAvg", n, "n", &square_avg) ||
      !get_floats(args, 4, "gradAvg", n, "n", &grad_avg, true) ||
      !get_floats(args, 5, "momentumBuffer", n, "n", &momentum_buffer, true) || !get_number(args, 6, "lr", &lr) ||
      !get_number(args, 7, "alpha", &alpha) || !get_number(args, 8, "eps", &eps) ||
      !get_number(args, 9, "weightDecay", &weight_decay) || !get_number(args, 10, "momentum", &momentum) ||
      !get_bool(args, 11, "centered", &centered)) {
    return nullptr;
  }
  if (centered && grad_avg.data == nullptr && n > 0) {
    throw_type_error(args, "gradAvg is required when centered");
    return nullptr;
  }
  if (momentum > 0 && momentum_buffer.data == nullptr && n > 0) {
    throw_type_error(args, "momentumBuffer is required when momentum > 0");
    return nullptr;
  }
  const FloatView* const views[5] = {&weights, &grads, &square_avg, &grad_avg, &momentum_buffer};
  const char* const names[5] = {"weights", "grads", "squareAvg", "gradAvg", "momentumBuffer"};
  if (!pairwise_disjoint(args, views, names)) return nullptr;
  rmsprop_step(n, weights.data, grads.data, square_avg.data, grad_avg.data, momentum_buffer.data, lr, alpha, eps,
               weight_decay, momentum, centered);
  return nullptr;
}

napi_value AdagradStep(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "adagradStep", 9, &args)) return nullptr;
  index_t n;
  double lr, lr_decay, eps, weight_decay, step;
  FloatView weights, grads, sum;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "weights", n, "n", &weights) ||
      !get_floats(args, 2, "grads", n, "n", &grads) || !get_floats(args, 3, "sum", n, "n", &sum) ||
      !get_number(args, 4, "lr", &lr) || !get_number(args, 5, "lrDecay", &lr_decay) ||
      !get_number(args, 6, "eps", &eps) || !get_number(args, 7, "weightDecay", &weight_decay) ||
      !get_number(args, 8, "step", &step) || !check_step(args, step)) {
    return nullptr;
  }
  const FloatView* const views[3] = {&weights, &grads, &sum};
  const char* const names[3] = {"weights", "grads", "sum"};
  if (!pairwise_disjoint(args, views, names)) return nullptr;
  adagrad_step(n, weights.data, grads.data, sum.data, lr, lr_decay, eps, weight_decay, step);
  return nullptr;
}

napi_value AdamaxStep(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "adamaxStep", 11, &args)) return nullptr;
  index_t n;
  double lr, beta1, beta2, eps, weight_decay, step;
  FloatView weights, grads, m, u;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "weights", n, "n", &weights) ||
      !get_floats(args, 2, "grads", n, "n", &grads) || !get_floats(args, 3, "m", n, "n", &m) ||
      !get_floats(args, 4, "u", n, "n", &u) || !get_number(args, 5, "lr", &lr) ||
      !get_number(args, 6, "beta1", &beta1) || !get_number(args, 7, "beta2", &beta2) ||
      !get_number(args, 8, "eps", &eps) || !get_number(args, 9, "weightDecay", &weight_decay) ||
      !get_number(args, 10, "step", &step) || !check_step(args, step)) {
    return nullptr;
  }
  const FloatView* const views[4] = {&weights, &grads, &m, &u};
  const char* const names[4] = {"weights", "grads", "m", "u"};
  if (!pairwise_disjoint(args, views, names)) return nullptr;
  adamax_step(n, weights.data, grads.data, m.data, u.data, lr, beta1, beta2, eps, weight_decay, step);
  return nullptr;
}

napi_value NadamStep(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "nadamStep", 13, &args)) return nullptr;
  index_t n;
  double lr, beta1, beta2, eps, weight_decay, momentum_decay, mu_product, step;
  FloatView weights, grads, m, v;
  if (!get_size(args, 0, "n", &n) || !get_floats(args, 1, "weights", n, "n", &weights) ||
      !get_floats(args, 2, "grads", n, "n", &grads) || !get_floats(args, 3, "m", n, "n", &m) ||
      !get_floats(args, 4, "v", n, "n", &v) || !get_number(args, 5, "lr", &lr) ||
      !get_number(args, 6, "beta1", &beta1) || !get_number(args, 7, "beta2", &beta2) ||
      !get_number(args, 8, "eps", &eps) || !get_number(args, 9, "weightDecay", &weight_decay) ||
      !get_number(args, 10, "momentumDecay", &momentum_decay) || !get_number(args, 11, "muProduct", &mu_product) ||
      !get_number(args, 12, "step", &step) || !check_step(args, step)) {
    return nullptr;
  }
  const FloatView* const views[4] = {&weights, &grads, &m, &v};
  const char* const names[4] = {"weights", "grads", "m", "v"};
  if (!pairwise_disjoint(args, views, names)) return nullptr;
  nadam_step(n, weights.data, grads.data, m.data, v.data, lr, beta1, beta2, eps, weight_decay, momentum_decay,
             mu_product, step);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
