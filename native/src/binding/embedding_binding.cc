// gatherRows(n, dim, tableRows, table, ids, out)
// scatterAddRows(n, dim, tableRows, ids, src, alpha, beta, table)
#include "args.h"
#include "embedding.h"
#include "ops.h"

namespace backprop {
namespace binding {

napi_value GatherRows(napi_env env, napi_callback_info info) {
  Args args;
  index_t n, dim, table_rows, table_size, out_size;
  FloatView table, ids, out;
  if (!get_args(env, info, "gatherRows", 6, &args) || !get_size(args, 0, "n", &n) || !get_size(args, 1, "dim", &dim) ||
      !get_size(args, 2, "tableRows", &table_rows) ||
      !size_product(args, table_rows, dim, "tableRows·dim", &table_size) ||
      !size_product(args, n, dim, "n·dim", &out_size) ||
      !get_floats(args, 3, "table", table_size, "tableRows·dim", &table) || !get_floats(args, 4, "ids", n, "n", &ids) ||
      !get_floats(args, 5, "out", out_size, "n·dim", &out) || !disjoint(args, out, "out", table, "table") ||
      !disjoint(args, out, "out", ids, "ids") || !check_ids(args, "ids", ids.data, n, table_rows)) {
    return nullptr;
  }
  if (out_size == 0) return nullptr;
  gather_rows(n, dim, table.data, ids.data, out.data);
  return nullptr;
}

napi_value ScatterAddRows(napi_env env, napi_callback_info info) {
  Args args;
  index_t n, dim, table_rows, src_size, table_size;
  double alpha, beta;
  FloatView ids, src, table;
  if (!get_args(env, info, "scatterAddRows", 8, &args) || !get_size(args, 0, "n", &n) ||
      !get_size(args, 1, "dim", &dim) || !get_size(args, 2, "tableRows", &table_rows) ||
      !size_product(args, n, dim, "n·dim", &src_size) ||
      !size_product(args, table_rows, dim, "tableRows·dim", &table_size) || !get_floats(args, 3, "ids", n, "n", &ids) ||
      !get_floats(args, 4, "src", src_size, "n·dim", &src) || !get_number(args, 5, "alpha", &alpha) ||
      !get_number(args, 6, "beta", &beta) || !get_floats(args, 7, "table", table_size, "tableRows·dim", &table) ||
      !disjoint(args, table, "table", ids, "ids") || !disjoint(args, table, "table", src, "src") ||
      !check_ids(args, "ids", ids.data, n, table_rows)) {
    return nullptr;
  }
  if (table_size == 0) return nullptr;
  scatter_add_rows(n, dim, table_rows, ids.data, src.data, alpha, beta, table.data);
  return nullptr;
}

}  // namespace binding
}  // namespace backprop
