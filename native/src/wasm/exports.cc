// The WebAssembly module's entry points: one per Backend op, named bp_<op>, taking the op's
// sizes and scalars in the Backend's order and a linear-memory address for each array. The
// JavaScript side (packages/wasm) has validated every argument and copied the arrays in, so
// these only convert and forward to the kernels — the same kernels the native addon calls.
// Sizes arrive as i32 (a wasm32 memory holds fewer than 2^31 bytes), scalars as f64.
#include <cstdint>
#include <cstdlib>

#include "activations.h"
#include "bias.h"
#include "conv_direct.h"
#include "elementwise.h"
#include "embedding.h"
#include "gemm.h"
#include "im2col.h"
#include "losses.h"
#include "normalization.h"
#include "optimizers.h"
#include "pooling.h"
#include "softmax.h"
#include "thread_pool.h"
#include "window.h"

#define BP_EXPORT(name) extern "C" __attribute__((export_name(#name))) 

using backprop::index_t;
using i32 = std::int32_t;
using f32p = float*;
using cf32p = const float*;

namespace {

backprop::Window2d window(i32 channels, i32 height, i32 width, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw, i32 dh,
                          i32 dw) {
  backprop::Window2d g{channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw, 0, 0};
  g.out_h = backprop::window_output(height, kh, sh, ph, dh);
  g.out_w = backprop::window_output(width, kw, sw, pw, dw);
  return g;
}

backprop::Activation activation_kind(i32 kind) { return static_cast<backprop::Activation>(kind); }

}  // namespace

// ------------------------------------------------------------------ configuration and memory

/**
 * Threads GEMM and the parallel loops may use, the caller included (1–256). A section uses only the
 * workers that have entered the pool by then (see ThreadPool::run), so this may run ahead of them.
 */
BP_EXPORT(bp_set_threads) i32 bp_set_threads(i32 threads) {
  backprop::GemmConfig config = backprop::gemm_default_config();
  config.threads = threads;
  backprop::set_gemm_default_config(config);
  return backprop::gemm_default_config().threads;
}

BP_EXPORT(bp_threads) i32 bp_threads() { return backprop::gemm_default_config().threads; }

/** Pool workers that have entered the pool (and not trapped since). */
BP_EXPORT(bp_pool_workers) i32 bp_pool_workers() { return backprop::thread_pool_workers(); }

BP_EXPORT(bp_worker_main) void bp_worker_main(i32 slot) { backprop::thread_pool_worker_main(slot); }

BP_EXPORT(bp_worker_trapped) void bp_worker_trapped() { backprop::thread_pool_worker_trapped(); }

BP_EXPORT(bp_malloc) void* bp_malloc(i32 bytes) { return bytes < 0 ? nullptr : std::malloc(static_cast<std::size_t>(bytes)); }

BP_EXPORT(bp_free) void bp_free(void* p) { std::free(p); }

// ------------------------------------------------------------------ matrix products

BP_EXPORT(bp_gemm)
void bp_gemm(i32 trans_a, i32 trans_b, i32 m, i32 n, i32 k, double alpha, cf32p a, cf32p b, double beta, f32p c) {
  backprop::gemm(trans_a != 0, trans_b != 0, m, n, k, static_cast<float>(alpha), a, b, static_cast<float>(beta), c);
}

BP_EXPORT(bp_addRowVector) void bp_addRowVector(i32 rows, i32 cols, f32p x, cf32p v) { backprop::add_row_vector(rows, cols, x, v); }

BP_EXPORT(bp_sumRows) void bp_sumRows(i32 rows, i32 cols, cf32p x, double beta, f32p out) { backprop::sum_rows(rows, cols, x, beta, out); }

// ------------------------------------------------------------------ activations

BP_EXPORT(bp_activation) void bp_activation(i32 kind, i32 n, cf32p x, f32p y, double alpha) {
  backprop::activation(activation_kind(kind), n, x, y, alpha);
}

BP_EXPORT(bp_activationBackward)
void bp_activationBackward(i32 kind, i32 n, cf32p y, cf32p dy, f32p dx, double alpha) {
  backprop::activation_backward(activation_kind(kind), n, y, dy, dx, alpha);
}

BP_EXPORT(bp_activationBackwardFromInput)
void bp_activationBackwardFromInput(i32 kind, i32 n, cf32p x, cf32p dy, f32p dx, double alpha) {
  backprop::activation_backward_from_input(activation_kind(kind), n, x, dy, dx, alpha);
}

BP_EXPORT(bp_softmax) void bp_softmax(i32 rows, i32 cols, cf32p x, f32p y) { backprop::softmax(rows, cols, x, y); }

BP_EXPORT(bp_softmaxBackward) void bp_softmaxBackward(i32 rows, i32 cols, cf32p y, cf32p dy, f32p dx) {
  backprop::softmax_backward(rows, cols, y, dy, dx);
}

// ------------------------------------------------------------------ losses

BP_EXPORT(bp_softmaxCrossEntropy)
double bp_softmaxCrossEntropy(i32 rows, i32 cols, cf32p logits, cf32p targets, double grad_scale, f32p grad) {
  return backprop::softmax_cross_entropy(rows, cols, logits, targets, grad_scale, grad);
}

BP_EXPORT(bp_mse) double bp_mse(i32 n, cf32p pred, cf32p target, double grad_scale, f32p grad) {
  return backprop::mse(n, pred, target, grad_scale, grad);
}

BP_EXPORT(bp_sigmoidBinaryCrossEntropy)
double bp_sigmoidBinaryCrossEntropy(i32 n, cf32p logits, cf32p targets, double grad_scale, f32p grad) {
  return backprop::sigmoid_binary_cross_entropy(n, logits, targets, grad_scale, grad);
}

BP_EXPORT(bp_l1Loss) double bp_l1Loss(i32 n, cf32p pred, cf32p target, double grad_scale, f32p grad) {
  return backprop::l1_loss(n, pred, target, grad_scale, grad);
}

BP_EXPORT(bp_huber) double bp_huber(i32 n, cf32p pred, cf32p target, double delta, double grad_scale, f32p grad) {
  return backprop::huber(n, pred, target, delta, grad_scale, grad);
}

BP_EXPORT(bp_multiMargin)
double bp_multiMargin(i32 rows, i32 cols, cf32p logits, cf32p targets, double margin, double grad_scale, f32p grad) {
  return backprop::multi_margin(rows, cols, logits, targets, margin, grad_scale, grad);
}

// ------------------------------------------------------------------ element-wise

BP_EXPORT(bp_add) void bp_add(i32 n, cf32p a, cf32p b, f32p out) { backprop::add(n, a, b, out); }
BP_EXPORT(bp_sub) void bp_sub(i32 n, cf32p a, cf32p b, f32p out) { backprop::sub(n, a, b, out); }
BP_EXPORT(bp_mul) void bp_mul(i32 n, cf32p a, cf32p b, f32p out) { backprop::mul(n, a, b, out); }
BP_EXPORT(bp_mulAdd) void bp_mulAdd(i32 n, cf32p a, cf32p b, f32p c) { backprop::mul_add(n, a, b, c); }
BP_EXPORT(bp_axpy) void bp_axpy(i32 n, double alpha, cf32p x, f32p y) { backprop::axpy(n, alpha, x, y); }
BP_EXPORT(bp_scale) void bp_scale(i32 n, double alpha, f32p x) { backprop::scale(n, alpha, x); }
BP_EXPORT(bp_sumSquares) double bp_sumSquares(i32 n, cf32p x) { return backprop::sum_squares(n, x); }
BP_EXPORT(bp_l1Gradient) void bp_l1Gradient(i32 n, double lambda, cf32p w, f32p g) { backprop::l1_gradient(n, lambda, w, g); }

// ------------------------------------------------------------------ convolution and pooling
// An empty output (or, for the backward ops, an empty gradient) is a no-op, as in the native binding.

BP_EXPORT(bp_im2col)
void bp_im2col(i32 rows, i32 channels, i32 height, i32 width, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw, i32 dh, i32 dw,
               cf32p x, f32p cols) {
  const backprop::Window2d g = window(channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw);
  if (static_cast<index_t>(rows) * g.out_h * g.out_w * channels * kh * kw == 0) return;
  backprop::im2col(rows, g, x, cols);
}

BP_EXPORT(bp_col2im)
void bp_col2im(i32 rows, i32 channels, i32 height, i32 width, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw, i32 dh, i32 dw,
               cf32p cols, double beta, f32p dx) {
  if (static_cast<index_t>(rows) * channels * height * width == 0) return;
  backprop::col2im(rows, window(channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw), cols, beta, dx);
}

BP_EXPORT(bp_conv2d)
void bp_conv2d(i32 rows, i32 channels, i32 height, i32 width, i32 filters, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw,
               i32 dh, i32 dw, cf32p x, cf32p weights, f32p y) {
  const backprop::Window2d g = window(channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw);
  if (static_cast<index_t>(rows) * filters * g.out_h * g.out_w == 0) return;
  backprop::conv2d(rows, filters, g, x, weights, y);
}

BP_EXPORT(bp_conv2dWeightGrad)
void bp_conv2dWeightGrad(i32 rows, i32 channels, i32 height, i32 width, i32 filters, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph,
                         i32 pw, i32 dh, i32 dw, cf32p x, cf32p dy, double alpha, double beta, f32p dw_out) {
  if (static_cast<index_t>(filters) * channels * kh * kw == 0) return;
  backprop::conv2d_weight_grad(rows, filters, window(channels, height, width, kh, kw, sh, sw, ph, pw, dh, dw), x, dy, alpha,
                               beta, dw_out);
}

BP_EXPORT(bp_transposeBatch) void bp_transposeBatch(i32 batch, i32 r, i32 c, i32 inner, cf32p x, f32p y) {
  if (static_cast<index_t>(batch) * r * c * inner == 0) return;
  backprop::transpose_batch(batch, r, c, inner, x, y);
}

BP_EXPORT(bp_maxPool2d)
void bp_maxPool2d(i32 rows, i32 channels, i32 height, i32 width, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw, cf32p x,
                  f32p y, std::int32_t* argmax) {
  const backprop::Window2d g = window(channels, height, width, kh, kw, sh, sw, ph, pw, 1, 1);
  if (static_cast<index_t>(rows) * channels * g.out_h * g.out_w == 0) return;
  backprop::max_pool2d(rows, g, x, y, argmax);
}

BP_EXPORT(bp_maxPool2dBackward)
void bp_maxPool2dBackward(i32 rows, i32 channels, i32 height, i32 width, i32 out_size, const std::int32_t* argmax, cf32p dy,
                          f32p dx) {
  if (static_cast<index_t>(rows) * channels * height * width == 0) return;
  backprop::max_pool2d_backward(rows, channels, static_cast<index_t>(height) * width, out_size, argmax, dy, dx);
}

BP_EXPORT(bp_avgPool2d)
void bp_avgPool2d(i32 rows, i32 channels, i32 height, i32 width, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw, cf32p x,
                  f32p y) {
  const backprop::Window2d g = window(channels, height, width, kh, kw, sh, sw, ph, pw, 1, 1);
  if (static_cast<index_t>(rows) * channels * g.out_h * g.out_w == 0) return;
  backprop::avg_pool2d(rows, g, x, y);
}

BP_EXPORT(bp_avgPool2dBackward)
void bp_avgPool2dBackward(i32 rows, i32 channels, i32 height, i32 width, i32 kh, i32 kw, i32 sh, i32 sw, i32 ph, i32 pw,
                          cf32p dy, f32p dx) {
  if (static_cast<index_t>(rows) * channels * height * width == 0) return;
  backprop::avg_pool2d_backward(rows, window(channels, height, width, kh, kw, sh, sw, ph, pw, 1, 1), dy, dx);
}

// ------------------------------------------------------------------ normalisation

BP_EXPORT(bp_channelMoments)
void bp_channelMoments(i32 rows, i32 channels, i32 spatial, cf32p x, f32p mean, f32p variance) {
  if (channels == 0) return;
  backprop::channel_moments(rows, channels, spatial, x, mean, variance);
}

BP_EXPORT(bp_channelAffine)
void bp_channelAffine(i32 rows, i32 channels, i32 spatial, cf32p x, cf32p scale, cf32p shift, f32p y) {
  if (static_cast<index_t>(rows) * channels * spatial == 0) return;
  backprop::channel_affine(rows, channels, spatial, x, scale, shift, y);
}

BP_EXPORT(bp_channelSums)
void bp_channelSums(i32 rows, i32 channels, i32 spatial, cf32p a, cf32p b, f32p sum_a, f32p sum_ab) {
  if (channels == 0) return;
  backprop::channel_sums(rows, channels, spatial, a, b, sum_a, sum_ab);
}

BP_EXPORT(bp_normalizeBackward)
void bp_normalizeBackward(i32 rows, i32 channels, i32 spatial, cf32p xhat, cf32p g, cf32p scale, cf32p sum_g,
                          cf32p sum_gxhat, f32p dx) {
  if (static_cast<index_t>(rows) * channels * spatial == 0) return;
  backprop::normalize_backward(rows, channels, spatial, xhat, g, scale, sum_g, sum_gxhat, dx);
}

// ------------------------------------------------------------------ embedding

BP_EXPORT(bp_gatherRows) void bp_gatherRows(i32 n, i32 dim, i32, cf32p table, cf32p ids, f32p out) {
  if (static_cast<index_t>(n) * dim == 0) return;
  backprop::gather_rows(n, dim, table, ids, out);
}

BP_EXPORT(bp_scatterAddRows)
void bp_scatterAddRows(i32 n, i32 dim, i32 table_rows, cf32p ids, cf32p src, double alpha, double beta, f32p table) {
  if (static_cast<index_t>(table_rows) * dim == 0) return;
  backprop::scatter_add_rows(n, dim, table_rows, ids, src, alpha, beta, table);
}

// ------------------------------------------------------------------ optimizer steps

BP_EXPORT(bp_sgdStep)
void bp_sgdStep(i32 n, f32p weights, cf32p grads, f32p velocity, double lr, double momentum, i32 nesterov, double weight_decay) {
  backprop::sgd_step(n, weights, grads, velocity, lr, momentum, nesterov != 0, weight_decay);
}

BP_EXPORT(bp_adamStep)
void bp_adamStep(i32 n, f32p weights, cf32p grads, f32p m, f32p v, double lr, double beta1, double beta2, double eps,
                 double weight_decay, i32 decoupled, double step) {
  backprop::adam_step(n, weights, grads, m, v, lr, beta1, beta2, eps, weight_decay, decoupled != 0, step);
}

BP_EXPORT(bp_rmspropStep)
void bp_rmspropStep(i32 n, f32p weights, cf32p grads, f32p square_avg, f32p grad_avg, f32p momentum_buffer, double lr,
                    double alpha, double eps, double weight_decay, double momentum, i32 centered) {
  backprop::rmsprop_step(n, weights, grads, square_avg, grad_avg, momentum_buffer, lr, alpha, eps, weight_decay, momentum,
                         centered != 0);
}

BP_EXPORT(bp_adagradStep)
void bp_adagradStep(i32 n, f32p weights, cf32p grads, f32p sum, double lr, double lr_decay, double eps, double weight_decay,
                    double step) {
  backprop::adagrad_step(n, weights, grads, sum, lr, lr_decay, eps, weight_decay, step);
}

BP_EXPORT(bp_adamaxStep)
void bp_adamaxStep(i32 n, f32p weights, cf32p grads, f32p m, f32p u, double lr, double beta1, double beta2, double eps,
                   double weight_decay, double step) {
  backprop::adamax_step(n, weights, grads, m, u, lr, beta1, beta2, eps, weight_decay, step);
}

BP_EXPORT(bp_nadamStep)
void bp_nadamStep(i32 n, f32p weights, cf32p grads, f32p m, f32p v, double lr, double beta1, double beta2, double eps,
                  double weight_decay, double momentum_decay, double mu_product, double step) {
  backprop::nadam_step(n, weights, grads, m, v, lr, beta1, beta2, eps, weight_decay, momentum_decay, mu_product, step);
}
