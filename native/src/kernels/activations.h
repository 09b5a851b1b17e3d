// Element-wise activations and their backward passes.
#pragma once

#include "types.h"

namespace backprop {

/** The element-wise activations; the numbers are the binding's wire codes. */
enum class Activation : int { linear = 0, sigmoid = 1, tanh = 2, relu = 3, leaky_relu = 4 };

constexpr int kActivationCount = 5;

/** y = f(x) for n elements; y may equal x. alpha is leaky-relu's negative slope. */
void activation(Activation kind, index_t n, const float* x, float* y, double alpha);

/**
 * dx = dy ∘ f'(x) from the forward output y: σ' = y(1−y), tanh' = 1−y², relu' = [y > 0],
 * leaky-relu' = y > 0 ? 1 : alpha. dx may equal dy.
 */
void activation_backward(Activation kind, index_t n, const float* y, const float* dy, float* dx, double alpha);

}  // namespace backprop
