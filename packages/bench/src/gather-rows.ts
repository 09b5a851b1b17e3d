/** Copies rows `rows` of a row-major matrix with `cols` columns into `dst`, one after another (a batch). */
export function gatherRows(src: Float32Array, cols: number, rows: ArrayLike<number>, dst: Float32Array): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as number;
    dst.set(src.subarray(row * cols, (row + 1) * cols), r * cols);
  }
}
