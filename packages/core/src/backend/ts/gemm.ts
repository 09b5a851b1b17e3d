import type { FloatArray } from '../backend.js';
import { scaleOutput } from './scale-output.js';

/**
 * C = alpha·op(A)·op(B) + beta·C, row-major (see Backend.gemm): the browser's hot loop.
 *
 * Structure (Goto & van de Geijn, "Anatomy of high-performance matrix multiplication"):
 *   for each NC-wide column block of C (jc)
 *     for each KC-deep slice of the k dimension (pc): pack op(B)[pc.., jc..] into NR-wide micro-panels
 *       for each MC-tall row block (ic): pack op(A)[ic.., pc..] into MR-tall micro-panels
 *         for each micro-panel pair: the MR×NR register-tiled kernel, C_tile += alpha·Ã·B̃
 * Packing copies op(A) and op(B) into contiguous Float64 scratch in exactly the order the
 * kernel reads them, so the kernel never sees a transpose, a stride or a Float32Array:
 * its loads are unit-stride Float64 (no float32→float64 conversion per multiply-add) and its
 * accumulators are doubles. The scratch is allocated once and reused by every call.
 */

/** Rows of the register tile. */
const MR = 4;
/**
 * Columns of the register tile. 8 accumulators + 6 operands nearly fill x64's 16 FP registers:
 * V8 spills larger tiles' accumulators to the stack (4×4, 4×3, 8×2 measured no faster or slower).
 */
const NR = 2;
/** Depth of a packed slice: an MR×KC A micro-panel and a KC×NR B micro-panel stay in L1/L2. */
const KC = 256;
/** Rows of a packed A block (multiple of MR): MC×KC doubles ≈ 192 KiB, in L2. */
const MC = 96;
/** Columns of a packed B panel (multiple of NR): KC×NC doubles = 1 MiB. */
const NC = 512;

/** Below this many multiply-adds, packing costs more than it saves. */
const SMALL = 32 * 32 * 32;

let packedA = new Float64Array(0);
let packedB = new Float64Array(0);

function scratchA(n: number): Float64Array {
  if (packedA.length < n) packedA = new Float64Array(n);
  return packedA;
}

function scratchB(n: number): Float64Array {
  if (packedB.length < n) packedB = new Float64Array(n);
  return packedB;
}

export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  b: FloatArray,
  beta: number,
  c: FloatArray,
): void {
  if (m === 0 || n === 0) return;
  const mn = m * n;
  // C ← beta·C first (beta = 0 overwrites, so NaN in C is ignored, as in BLAS); then C += alpha·op(A)·op(B).
  scaleOutput(mn, beta, c);
  if (alpha === 0 || k <= 0) return;
  if (m * n * k <= SMALL || m < MR || n < NR) {
    gemmSmall(transA, transB, m, n, k, alpha, a, b, c);
    return;
  }
  const pa = scratchA(MC * Math.min(KC, k));
  const pb = scratchB(Math.min(KC, k) * Math.min(NC, roundUp(n, NR)));
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      if (transB) packBT(b, k, jc, nc, pc, kc, pb);
      else packBN(b, n, jc, nc, pc, kc, pb);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        if (transA) packAT(a, m, ic, mc, pc, kc, pa);
        else packAN(a, k, ic, mc, pc, kc, pa);
        macroKernel(mc, nc, kc, alpha, pa, pb, c, ic * n + jc, n);
      }
    }
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

/**
 * Packs rows ic..ic+mc of A (not transposed: A[i, p] = a[i·k + p]) into MR-tall micro-panels:
 * panel r holds, for each p, the MR values A[ic + r·MR + 0..MR−1, pc + p] (zero beyond row m).
 */
function packAN(a: FloatArray, k: number, ic: number, mc: number, pc: number, kc: number, dst: Float64Array): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const base = ir * kc;
    const rows = Math.min(MR, mc - ir);
    for (let r = 0; r < MR; r++) {
      let d = base + r;
      if (r < rows) {
        let s = (ic + ir + r) * k + pc;
        for (let p = 0; p < kc; p++, d += MR) dst[d] = a[s++]!;
      } else for (let p = 0; p < kc; p++, d += MR) dst[d] = 0;
    }
  }
}

/** As packAN for a transposed A (stored k×m: op(A)[i, p] = a[p·m + i]). */
function packAT(a: FloatArray, m: number, ic: number, mc: number, pc: number, kc: number, dst: Float64Array): void {
  for (let ir = 0; ir < mc; ir += MR) {
    let d = ir * kc;
    const rows = Math.min(MR, mc - ir);
    const i0 = ic + ir;
    if (rows === MR) {
      for (let p = 0; p < kc; p++) {
        const s = (pc + p) * m + i0;
        dst[d] = a[s]!;
        dst[d + 1] = a[s + 1]!;
        dst[d + 2] = a[s + 2]!;
        dst[d + 3] = a[s + 3]!;
        d += MR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const s = (pc + p) * m + i0;
        for (let r = 0; r < MR; r++) dst[d + r] = r < rows ? a[s + r]! : 0;
        d += MR;
      }
    }
  }
}

/**
 * Packs columns jc..jc+nc of op(B) = B (k×n, B[p, j] = b[p·n + j]) into NR-wide micro-panels:
 * panel q holds, for each p, the NR values B[pc + p, jc + q·NR + 0..NR−1] (zero beyond column n).
 */
function packBN(b: FloatArray, n: number, jc: number, nc: number, pc: number, kc: number, dst: Float64Array): void {
  for (let jr = 0; jr < nc; jr += NR) {
    let d = jr * kc;
    const cols = Math.min(NR, nc - jr);
    const j0 = jc + jr;
    if (cols === NR) {
      for (let p = 0; p < kc; p++) {
        const s = (pc + p) * n + j0;
        dst[d] = b[s]!;
        dst[d + 1] = b[s + 1]!;
        d += NR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const s = (pc + p) * n + j0;
        for (let q = 0; q < NR; q++) dst[d + q] = q < cols ? b[s + q]! : 0;
        d += NR;
      }
    }
  }
}

/** As packBN for a transposed B (stored n×k: op(B)[p, j] = b[j·k + p]). */
function packBT(b: FloatArray, k: number, jc: number, nc: number, pc: number, kc: number, dst: Float64Array): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const base = jr * kc;
    const cols = Math.min(NR, nc - jr);
    for (let q = 0; q < NR; q++) {
      let d = base + q;
      if (q < cols) {
        let s = (jc + jr + q) * k + pc;
        for (let p = 0; p < kc; p++, d += NR) dst[d] = b[s++]!;
      } else for (let p = 0; p < kc; p++, d += NR) dst[d] = 0;
    }
  }
}

/** Runs the micro-kernel over every MR×NR tile of an mc×nc block of C starting at element c0. */
function macroKernel(
  mc: number,
  nc: number,
  kc: number,
  alpha: number,
  pa: Float64Array,
  pb: Float64Array,
  c: FloatArray,
  c0: number,
  ldc: number,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = Math.min(NR, nc - jr);
    const bo = jr * kc;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = Math.min(MR, mc - ir);
      const co = c0 + ir * ldc + jr;
      if (mr === MR && nr === NR) kernel4x2(kc, alpha, pa, ir * kc, pb, bo, c, co, ldc);
      else kernelEdge(kc, alpha, pa, ir * kc, pb, bo, c, co, ldc, mr, nr);
    }
  }
}

/**
 * The register-tiled micro-kernel: C[0..3, 0..1] += alpha·Σ_p Ã[p, 0..3]ᵀ·B̃[p, 0..1], the
 * 8 sums held in locals (registers) across the whole kc loop.
 */
function kernel4x2(
  kc: number,
  alpha: number,
  pa: Float64Array,
  ao: number,
  pb: Float64Array,
  bo: number,
  c: FloatArray,
  co: number,
  ldc: number,
): void {
  let c00 = 0;
  let c01 = 0;
  let c10 = 0;
  let c11 = 0;
  let c20 = 0;
  let c21 = 0;
  let c30 = 0;
  let c31 = 0;
  // Int32 index arithmetic (`| 0`) lets V8 drop the overflow checks on every index.
  let ia = ao | 0;
  let ib = bo | 0;
  for (let p = 0; p < kc; p = (p + 1) | 0) {
    const b0 = pb[ib]!;
    const b1 = pb[(ib + 1) | 0]!;
    const a0 = pa[ia]!;
    const a1 = pa[(ia + 1) | 0]!;
    const a2 = pa[(ia + 2) | 0]!;
    const a3 = pa[(ia + 3) | 0]!;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c30 += a3 * b0;
    c31 += a3 * b1;
    ia = (ia + 4) | 0;
    ib = (ib + 2) | 0;
  }
  c[co] += alpha * c00;
  c[co + 1] += alpha * c01;
  co += ldc;
  c[co] += alpha * c10;
  c[co + 1] += alpha * c11;
  co += ldc;
  c[co] += alpha * c20;
  c[co + 1] += alpha * c21;
  co += ldc;
  c[co] += alpha * c30;
  c[co + 1] += alpha * c31;
}

const edgeTile = new Float64Array(MR * NR);

/** The kernel for tiles cut by the edge of C: full MR×NR arithmetic on zero-padded panels, masked writes. */
function kernelEdge(
  kc: number,
  alpha: number,
  pa: Float64Array,
  ao: number,
  pb: Float64Array,
  bo: number,
  c: FloatArray,
  co: number,
  ldc: number,
  mr: number,
  nr: number,
): void {
  edgeTile.fill(0);
  for (let p = 0; p < kc; p++) {
    for (let r = 0; r < MR; r++) {
      const av = pa[ao + r]!;
      for (let q = 0; q < NR; q++) edgeTile[r * NR + q]! += av * pb[bo + q]!;
    }
    ao += MR;
    bo += NR;
  }
  for (let r = 0; r < mr; r++) for (let q = 0; q < nr; q++) c[co + r * ldc + q] += alpha * edgeTile[r * NR + q]!;
}

/** Direct loops for small products (and thin ones), where packing would cost more than it saves. */
function gemmSmall(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
): void {
  // Stride form: op(A)[i, p] = a[i·ars + p·acs], op(B)[p, j] = b[p·brs + j·bcs].
  const ars = transA ? 1 : k;
  const acs = transA ? m : 1;
  const brs = transB ? 1 : n;
  const bcs = transB ? k : 1;
  if (!transB) {
    // i-p-j order: unit stride along the rows of B and C.
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = alpha * a[i * ars + p * acs]!;
        const bp = p * brs;
        for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j]!;
      }
    }
    return;
  }
  // B transposed: each C element is a dot product of two unit-stride (in B) rows.
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      const bj = j * bcs;
      for (let p = 0; p < k; p++) s += a[i * ars + p * acs]! * b[bj + p * brs]!;
      c[ci + j] += alpha * s;
    }
  }
}
