// softmaxCrossEntropy(rows, cols, logits, targets, gradScale, grad) → loss
// mse(n, pred, target, gradScale, grad) → loss
// sigmoidBinaryCrossEntropy(n, logits, targets, gradScale, grad) → loss
// l1Loss(n, pred, target, gradScale, grad) → loss
// huber(n, pred, target, delta, gradScale, grad) → loss
// multiMargin(rows, cols, logits, targets, margin, gradScale, grad) → loss
#include "args.h"
#include "losses.h"
#include "ops.h"

namespace backprop {
namespace binding {

namespace {

// The arguments of an element-wise loss: n (argument 0), the prediction and the target (1, 2),
// gradScale and grad (at `scale_index` and the one after), with grad allowed to alias neither
// array but the same memory. `pred_name` and `target_name` are the op's names for its arrays.
struct ElementwiseLoss {
  index_t n;
  double grad_scale;
  FloatView pred, target, grad;
};

bool get_elementwise_loss(Args& args, const char* pred_name, const char* target_name, std::size_t scale_index, ElementwiseLoss* out) {
  return get_size(args, 0, "n", &out->n) && get_floats(args, 1, pred_name, out->n, "n", &out->pred) &&
         get_floats(args, 2, target_name, out->n, "n", &out->target) &&
         get_number(args, scale_index, "gradScale", &out->grad_scale) &&
         get_floats(args, scale_index + 1, "grad", out->n, "n", &out->grad) &&
         same_or_disjoint(args, out->grad, "grad", out->pred, pred_name) &&
         same_or_disjoint(args, out->grad, "grad", out->target, target_name);
}

}  // namespace

napi_value SoftmaxCrossEntropy(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "softmaxCrossEntropy", 6, &args)) return nullptr;
  index_t rows, cols, total;
  double grad_scale;
  FloatView logits, targets, grad;
  if (!get_size(args, 0, "rows", &rows) || !get_size(args, 1, "cols", &cols) ||
      !size_product(args, rows, cols, "rows·cols", &total) ||
      !get_floats(args, 2, "logits", total, "rows·cols", &logits) ||
      !get_floats(args, 3, "targets", total, "rows·cols", &targets) ||
      !get_number(args, 4, "gradScale", &grad_scale) || !get_floats(args, 5, "grad", total, "rows·cols", &grad) ||
      !same_or_disjoint(args, grad, "grad", logits, "logits") ||
      !same_or_disjoint(args, grad, "grad", targets, "targets")) {
    return nullptr;
  }
  return make_number(env, softmax_cross_entropy(rows, cols, logits.data, targets.data, grad_scale, grad.data));
}

napi_value Mse(napi_env env, napi_callback_info info) {
  Args args;
  ElementwiseLoss a;
  if (!get_args(env, info, "mse", 5, &args) || !get_elementwise_loss(args, "pred", "target", 3, &a)) return nullptr;
  return make_number(env, mse(a.n, a.pred.data, a.target.data, a.grad_scale, a.grad.data));
}

napi_value SigmoidBinaryCrossEntropy(napi_env env, napi_callback_info info) {
  Args args;
  ElementwiseLoss a;
  if (!get_args(env, info, "sigmoidBinaryCrossEntropy", 5, &args) || !get_elementwise_loss(args, "logits", "targets", 3, &a)) {
    return nullptr;
  }
  return make_number(env, sigmoid_binary_cross_entropy(a.n, a.pred.data, a.target.data, a.grad_scale, a.grad.data));
}

napi_value L1Loss(napi_env env, napi_callback_info info) {
  Args args;
  ElementwiseLoss a;
  if (!get_args(env, info, "l1Loss", 5, &args) || !get_elementwise_loss(args, "pred", "target", 3, &a)) return nullptr;
  return make_number(env, l1_loss(a.n, a.pred.data, a.target.data, a.grad_scale, a.grad.data));
}

napi_value Huber(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "huber", 6, &args)) return nullptr;
  double delta;
  if (!get_number(args, 3, "delta", &delta)) return nullptr;
  if (!(delta > 0)) {
    throw_range_error(args, "delta must be > 0, got %g", delta);
    return nullptr;
  }
  ElementwiseLoss a;
  if (!get_elementwise_loss(args, "pred", "target", 4, &a)) return nullptr;
  return make_number(env, huber(a.n, a.pred.data, a.target.data, delta, a.grad_scale, a.grad.data));
}

napi_value MultiMargin(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "multiMargin", 7, &args)) return nullptr;
  index_t rows, cols, total;
  double margin, grad_scale;
  FloatView logits, targets, grad;
  if (!get_size(args, 0, "rows", &rows) || !get_size(args, 1, "cols", &cols) ||
      !size_product(args, rows, cols, "rows·cols", &total) ||
      !get_floats(args, 2, "logits", total, "rows·cols", &logits) ||
      !get_floats(args, 3, "targets", total, "rows·cols", &targets) || !get_number(args, 4, "margin", &margin) ||
      !get_number(args, 5, "gradScale", &grad_scale) || !get_floats(args, 6, "grad", total, "rows·cols", &grad) ||
      !same_or_disjoint(args, grad, "grad", logits, "logits") ||
      !same_or_disjoint(args, grad, "grad", targets, "targets")) {
    return nullptr;
  }
  return make_number(env, multi_margin(rows, cols, logits.data, targets.data, margin, grad_scale, grad.data));
}

}  // namespace binding
}  // namespace backprop
