// Activations, their backward passes and softmax against float64 references, including
// extreme inputs (σ and softmax must not overflow) and in-place calls.
#include "activations.h"
#include "check.h"
#include "softmax.h"

using namespace backprop;
using backprop_test::Random;
using backprop_test::all_close;

namespace {

constexpr double kSeluL = 1.0507009873554804934193349852946;
constexpr double kSeluA = 1.6732632423543772848170429916717;
constexpr double kPi = 3.14159265358979323846;

double forward(Activation kind, double x, double alpha) {
  switch (kind) {
    case Activation::linear: return x;
    case Activation::sigmoid: return 1 / (1 + std::exp(-x));
    case Activation::tanh: return std::tanh(x);
    case Activation::relu: return x > 0 ? x : 0;
    case Activation::leaky_relu: return x > 0 ? x : alpha * x;
    case Activation::elu: return x > 0 ? x : alpha * (std::exp(x) - 1);
    case Activation::selu: return kSeluL * (x > 0 ? x : kSeluA * (std::exp(x) - 1));
    case Activation::gelu: return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0)));
    case Activation::gelu_tanh: return 0.5 * x * (1 + std::tanh(std::sqrt(2 / kPi) * (x + 0.044715 * x * x * x)));
    case Activation::softplus: return x > 20 ? x : std::log1p(std::exp(x));
    case Activation::silu: return x / (1 + std::exp(-x));
    case Activation::mish: return x * std::tanh(x > 20 ? x : std::log1p(std::exp(x)));
  }
  return 0;
}

// f'(x) by a central difference of the float64 forward (every kind is smooth away from 0).
double derivative_from_input(Activation kind, double x, double alpha) {
  if (kind == Activation::relu || kind == Activation::leaky_relu || kind == Activation::elu || kind == Activation::selu) {
    if (x == 0) x = 1e-9;
  }
  const double h = 1e-6;
  return (forward(kind, x + h, alpha) - forward(kind, x - h, alpha)) / (2 * h);
}

double derivative_from_output(Activation kind, double y, double alpha) {
  switch (kind) {
    case Activation::linear: return 1;
    case Activation::sigmoid: return y * (1 - y);
    case Activation::tanh: return 1 - y * y;
    case Activation::relu: return y > 0 ? 1 : 0;
    case Activation::leaky_relu: return y > 0 ? 1 : alpha;
    case Activation::elu: return y > 0 ? 1 : y + alpha;
    case Activation::selu: return y > 0 ? kSeluL : y + kSeluL * kSeluA;
    default: return 0;
  }
}

}  // namespace

int main() {
  Random rng(11);
  const double alpha = 0.1;
  for (int k = 0; k < kActivationCount; ++k) {
    const Activation kind = static_cast<Activation>(k);
    for (index_t n : {1, 7, 64, 1001}) {
      const std::size_t size = static_cast<std::size_t>(n);
      std::vector<float> x = rng.vector(size, -6, 6);
      x[0] = k == 1 ? -120.0f : x[0];  // σ of a very negative input: e^{120} must not overflow
      std::vector<double> want(size);
      for (std::size_t i = 0; i < size; ++i) want[i] = forward(kind, x[i], alpha);
      std::vector<float> y(size);
      activation(kind, n, x.data(), y.data(), alpha);
      all_close("activation", y.data(), want.data(), size, 2e-6, 1e-7);
      std::vector<float> inplace = x;
      activation(kind, n, inplace.data(), inplace.data(), alpha);
      all_close("activation in place", inplace.data(), want.data(), size, 2e-6, 1e-7);

      const std::vector<float> dy = rng.vector(size);
      for (std::size_t i = 0; i < size; ++i) want[i] = dy[i] * derivative_from_input(kind, x[i], alpha);
      std::vector<float> dx_from_x(size);
      activation_backward_from_input(kind, n, x.data(), dy.data(), dx_from_x.data(), alpha);
      all_close("activationBackwardFromInput", dx_from_x.data(), want.data(), size, 1e-5, 1e-6);
      if (k >= kOutputDerivativeCount) continue;
      for (std::size_t i = 0; i < size; ++i) want[i] = dy[i] * derivative_from_output(kind, y[i], alpha);
      std::vector<float> dx(size);
      activation_backward(kind, n, y.data(), dy.data(), dx.data(), alpha);
      all_close("activationBackward", dx.data(), want.data(), size, 1e-6, 1e-7);
      std::vector<float> dx_inplace = dy;
      activation_backward(kind, n, y.data(), dx_inplace.data(), dx_inplace.data(), alpha);
      all_close("activationBackward in place", dx_inplace.data(), want.data(), size, 1e-6, 1e-7);
    }
  }

  // tanh is a rational approximation: check its error over [−12, 12] (dense, log-spaced near 0)
  // and its special values, both through the vector body and the scalar tail.
  {
    std::vector<float> x;
    for (int i = 0; i < 200000; ++i) x.push_back(static_cast<float>(-12.0 + 24.0 * i / 200000));
    for (int i = 0; i < 2000; ++i) x.push_back(static_cast<float>(std::pow(10.0, -10 + 10.0 * i / 2000)));
    std::vector<float> y(x.size());
    activation(Activation::tanh, static_cast<index_t>(x.size()), x.data(), y.data(), 0);
    double worst = 0;
    int outside = 0;  // |tanh| > 1 would make tanh' = 1 − y² negative
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double want = std::tanh(static_cast<double>(x[i]));
      worst = std::fmax(worst, std::fabs(y[i] - want) / std::fmax(std::fabs(want), 1.0));
      if (std::fabs(y[i]) > 1.0f) ++outside;
    }
    CHECK(worst <= 5e-7, "tanh error %.3g above 5e-7", worst);
    CHECK(outside == 0, "%d tanh values outside [−1, 1]", outside);
    for (index_t n : {8, 9}) {  // 8: all in the vector body; 9: the last one in the scalar tail
      float special[9] = {NAN, INFINITY, -INFINITY, 0.0f, -0.0f, 100.0f, -100.0f, 1e-30f, NAN};
      float out[9];
      activation(Activation::tanh, n, special, out, 0);
      CHECK(std::isnan(out[0]) && out[1] == 1.0f && out[2] == -1.0f && out[3] == 0.0f && std::signbit(out[4]) &&
                out[5] == 1.0f && out[6] == -1.0f && std::fabs(out[7] - 1e-30f) <= 1e-36f,
            "tanh special values (n = %lld)", static_cast<long long>(n));
      if (n == 9) CHECK(std::isnan(out[8]), "tanh(NaN) in the scalar tail");
    }
  }

  // σ uses a vectorised e^x: relative error over [−80, 80], and its special values.
  {
    std::vector<float> x;
    for (int i = 0; i < 200001; ++i) x.push_back(static_cast<float>(-80.0 + 160.0 * i / 200000));
    std::vector<float> y(x.size());
    activation(Activation::sigmoid, static_cast<index_t>(x.size()), x.data(), y.data(), 0);
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double want = 1 / (1 + std::exp(-static_cast<double>(x[i])));
      worst = std::fmax(worst, std::fabs(y[i] - want) / want);
    }
    CHECK(worst <= 4e-7, "sigmoid relative error %.3g above 4e-7", worst);
    float special[9] = {NAN, INFINITY, -INFINITY, -0.0f, 200.0f, -200.0f, 1e-30f, 0.0f, NAN};
    float out[9];
    activation(Activation::sigmoid, 9, special, out, 0);
    CHECK(std::isnan(out[0]) && out[1] == 1.0f && out[2] == 0.0f && out[3] == 0.5f && out[4] == 1.0f &&
              out[5] >= 0.0f && out[5] < 1e-37f && out[6] == 0.5f && out[7] == 0.5f && std::isnan(out[8]),
          "sigmoid special values");
  }

  for (index_t rows : {1, 4}) {
    for (index_t cols : {1, 3, 10, 257}) {
      const std::size_t total = static_cast<std::size_t>(rows * cols);
      std::vector<float> x = rng.vector(total, -5, 5);
      x[0] = 1000.0f;  // max-shift keeps e^{x} finite
      std::vector<double> want(total);
      for (index_t i = 0; i < rows; ++i) {
        double max = -INFINITY, sum = 0;
        for (index_t j = 0; j < cols; ++j) max = std::fmax(max, x[i * cols + j]);
        for (index_t j = 0; j < cols; ++j) sum += std::exp(x[i * cols + j] - max);
        for (index_t j = 0; j < cols; ++j) want[i * cols + j] = std::exp(x[i * cols + j] - max) / sum;
      }
      if (cols > 2) x[1] = -INFINITY;  // e^{−∞} = 0 exactly
      for (index_t i = 0; i < rows; ++i) {
        double max = -INFINITY, sum = 0;
        for (index_t j = 0; j < cols; ++j) max = std::fmax(max, x[i * cols + j]);
        for (index_t j = 0; j < cols; ++j) sum += std::exp(x[i * cols + j] - max);
        for (index_t j = 0; j < cols; ++j) want[i * cols + j] = std::exp(x[i * cols + j] - max) / sum;
      }
      std::vector<float> y = x;
      softmax(rows, cols, y.data(), y.data());
      if (cols > 2) CHECK(y[1] == 0.0f, "softmax of −∞ must be 0");
      all_close("softmax (in place)", y.data(), want.data(), total, 1e-6, 1e-9);

      const std::vector<float> dy = rng.vector(total);
      std::vector<double> dwant(total);
      for (index_t i = 0; i < rows; ++i) {
        double dot = 0;
        for (index_t j = 0; j < cols; ++j) dot += static_cast<double>(dy[i * cols + j]) * y[i * cols + j];
        for (index_t j = 0; j < cols; ++j) dwant[i * cols + j] = y[i * cols + j] * (dy[i * cols + j] - dot);
      }
      std::vector<float> dx(total);
      softmax_backward(rows, cols, y.data(), dy.data(), dx.data());
      all_close("softmaxBackward", dx.data(), dwant.data(), total, 1e-6, 1e-7);
    }
  }
  return backprop_test::finish("activations_test");
}
