// Max and average pooling over NCHW images (window geometry in window.h, dilation 1) and their
// backward passes. Every window holds at least one image pixel (the caller checks
// pad ≤ ⌊kernel / 2⌋, PyTorch's rule), so the padding never decides a result:
//   max:  y[r, c, oh, ow] = max over the window's pixels, argmax = h·width + w of the first maximum in
//         row-major window order; a NaN in the window is the maximum (the first NaN);
//         dx = 0, then dx[r, c, argmax[r, c, o]] += dy[r, c, o].
//   avg:  y = (1 / (kernelH·kernelW)) Σ_window x, padding counted as zeros in the divisor
//         (count_include_pad); dx = 0, then dy[r, c, oh, ow] / (kernelH·kernelW) is added to each
//         pixel of its window.
#pragma once

#include <cstdint>

#include "types.h"
#include "window.h"

namespace backprop {

/** y and argmax are rows·channels·outH·outW; y must not overlap x. */
void max_pool2d(index_t rows, const Window2d& g, const float* x, float* y, std::int32_t* argmax);

/**
 * dx (rows·channels·plane) = 0, then dx[r, c, argmax[r, c, o]] += dy[r, c, o] for o < out_size;
 * every argmax lies in [0, plane) (the caller checks). dx must not overlap dy or argmax.
 */
void max_pool2d_backward(index_t rows, index_t channels, index_t plane, index_t out_size, const std::int32_t* argmax,
                         const float* dy, float* dx);

/** y is rows·channels·outH·outW; y must not overlap x. */
void avg_pool2d(index_t rows, const Window2d& g, const float* x, float* y);

/** dx is rows·channels·height·width; dx must not overlap dy. */
void avg_pool2d_backward(index_t rows, const Window2d& g, const float* dy, float* dx);

}  // namespace backprop
