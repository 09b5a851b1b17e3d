// Element-wise activations and their backward passes.
#pragma once

#include "types.h"

namespace backprop {

/** The element-wise activations; the numbers are the binding's wire codes. */
enum class Activation : int {
  linear = 0,
  sigmoid = 1,
  tanh = 2,
  relu = 3,
  leaky_relu = 4,
  elu = 5,
  selu = 6,
  gelu = 7,
  gelu_tanh = 8,
  softplus = 9,
  silu = 10,
  mish = 11,
};

constexpr int kActivationCount = 12;

/** The kinds below this code have a derivative in terms of their output (activation_backward). */
constexpr int kOutputDerivativeCount = 7;

/**
 * y = f(x) for n elements; y may equal x. alpha is leaky-relu's negative slope and elu's α.
 * PyTorch's definitions: elu = x > 0 ? x : α(eˣ − 1); selu = λ(x > 0 ? x : α₀(eˣ − 1));
 * gelu = ½x(1 + erf(x/√2)); gelu-tanh = ½x(1 + tanh(√(2/π)(x + 0.044715x³)));
 * softplus = x > 20 ? x : log(1 + eˣ); silu = x·σ(x); mish = x·tanh(softplus(x)).
 */
void activation(Activation kind, index_t n, const float* x, float* y, double alpha);

/**
 * dx = dy ∘ f'(x) from the forward output y: σ' = y(1−y), tanh' = 1−y², relu' = [y > 0],
 * leaky-relu' = y > 0 ? 1 : alpha, elu' = y > 0 ? 1 : y + α, selu' = y > 0 ? λ : y + λα₀.
 * Only kinds with codes below kOutputDerivativeCount (the binding refuses the others).
 * dx may equal dy.
 */
void activation_backward(Activation kind, index_t n, const float* y, const float* dy, float* dx, double alpha);

/**
 * dx = dy ∘ f'(x) from the pre-activation x, for every kind: gelu' = Φ(x) + x·φ(x);
 * gelu-tanh' = ½(1 + t) + ½x(1 − t²)·√(2/π)(1 + 3·0.044715x²); softplus' = x > 20 ? 1 : σ(x);
 * silu' = σ(x)(1 + x(1 − σ(x))); mish' = tanh(sp) + x·σ(x)(1 − tanh²(sp)). dx may equal dy.
 */
void activation_backward_from_input(Activation kind, index_t n, const float* x, const float* dy, float* dx, double alpha);

}  // namespace backprop
