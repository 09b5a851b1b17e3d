// addRowVector(rows, cols, x, v), sumRows(rows, cols, x, beta, out)
#include "args.h"
#include "bias.h"
#include "ops.h"

namespace backprop {
namespace binding {

napi_value AddRowVector(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "addRowVector", 4, &args)) return nullptr;
  index_t rows, cols, total;
  FloatView x, v;
  if (!get_size(args, 0, "rows", &rows) || !get_size(args, 1, "cols", &cols) ||
      !size_product(args, rows, cols, "rows·cols", &total) || !get_floats(args, 2, "x", total, "rows·cols", &x) ||
      !get_floats(args, 3, "v", cols, "cols", &v) || !disjoint(args, x, "x", v, "v")) {
    return nullptr;
  }
  add_row_vector(rows, cols, x.data, v.data);
  return nullptr;
}

napi_value SumRows(napi_env env, napi_callback_info info) {
  Args args;
  if (!get_args(env, info, "sumRows", 5, &args)) return nullptr;
  index_t rows, cols, total;
  double beta;
  FloatView x, out;
  if (!get_size(args, 0, "rows", &rows) || !get_size(args, 1, "cols", &cols) ||
      !size_product(args, rows, cols, "rows·cols", &total) || !get_floats(args, 2, "x", total, "rows·cols", &x) ||
      !get_number(args, 3, "beta", &beta) || !get_floats(args, 4, "out", cols, "cols", &out) ||
      !disjoint(args, out, "out", x, "x")) {
    return nullptr;
  }
  sum_rows(rows, cols, x.data, beta, out.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
