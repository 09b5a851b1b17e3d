/**
 * CSV to data set, browser-safe (the text is parsed here; reading files is `loadCsv` in the Node entry).
 *
 * Rules (documented for users of `--data csv:<file> --target <column>`):
 * - Header: `hasHeader: 'auto'` (default) treats the first row as column names when some column holds a
 *   non-number in the first row and a number in the second (so "sepal_length,…,species" is a header and
 *   "5.1,…,setosa" is not); a file of one row is a header when none of its cells is a number.
 * - Target: a column name (needs a header) or a 0-based index (negative counts from the end); default the
 *   last column. Every other column is a numeric feature.
 * - Task (`task: 'auto'`, the default): a target with any non-numeric cell is a class label; a numeric target
 *   is a class label when all its values are integers with at most `maxClasses` (default 20) distinct values,
 *   and a regression target (one output) otherwise. Force either with `task`.
 * - Class order: `classOrder: 'sorted'` (default; numeric labels numerically, strings by code point, so the
 *   mapping does not depend on row order) or `'first-seen'`. Class i is one-hot column i and `classNames[i]`.
 * - Refused, naming the line (1-based, in the file) and the column: an empty or missing cell ("", NA, NaN, ?),
 *   a feature cell that is not a number or overflows float32 (e.g. 1e39), a row with the wrong number of cells.
 *   Blank lines are skipped.
 */
import { count } from '../util/count.js';
import Papa from 'papaparse';
import type { Dataset } from './dataset.js';
import { oneHot } from './one-hot.js';

/** Options for {@link parseCsv}. */
export interface CsvOptions {
  /** Target column: name (with a header) or 0-based index, negative from the end. Default: the last column. */
  readonly target?: string | number;
  /** Whether the first row holds column names; 'auto' (default) detects it. */
  readonly hasHeader?: 'auto' | boolean;
  /** 'auto' (default) decides from the target's values; see the module notes. */
  readonly task?: 'auto' | 'classification' | 'regression';
  /** Order of class names: 'sorted' (default) or 'first-seen'. */
  readonly classOrder?: 'sorted' | 'first-seen';
  /** Most distinct integer values a numeric target may have to count as classes under task 'auto' (default 20). */
  readonly maxClasses?: number;
  /** Field delimiter; default: detected (comma, tab, semicolon, …). */
  readonly delimiter?: string;
  /** Name of the source in error messages (e.g. the file path). Default 'CSV'. */
  readonly name?: string;
}

/** A data set read from CSV, with what was decided about it. */
export interface CsvDataset extends Dataset {
  /** Name of the target column ('column N' without a header, 1-based). */
  readonly targetName: string;
  readonly task: 'classification' | 'regression';
  readonly hasHeader: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', '?', '-']);

/**
 * Whether a (trimmed) cell is a decimal number as CSV data sets write them: sign, digits, point,
 * exponent. Number() alone would also take '0x10', 'Infinity' and ''.
 */
export function isDecimalNumber(cell: string): boolean {
  return NUMBER.test(cell);
}

/**
 * Parse CSV text into a data set: numeric features, and a class (one-hot) or regression target.
 * @param text the CSV text (comma-separated, header detected)
 * @param options target column, task, name for messages and more
 * @throws an Error naming the line and column of the first bad cell, or the problem with the options
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvDataset {
  const name = options.name ?? 'CSV';
  checkOptions(options, name);
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new Error(`${name} line ${(fatal.row ?? 0) + 1}: ${fatal.message}`);

  // Keep each record's 1-based line number; drop blank lines.
  const records: { line: number; cells: string[] }[] = [];
  parsed.data.forEach((cells, i) => {
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return;
    records.push({ line: i + 1, cells: cells.map((c) => c.trim()) });
  });
  if (records.length === 0) throw new Error(`${name}: no rows`);

  const first = records[0]!;
  const width = first.cells.length;
  if (width < 2) throw new Error(`${name}: needs at least two columns (features and a target), found ${width}`);
  const hasHeader =
    options.hasHeader === 'auto' || options.hasHeader === undefined
      ? records.length > 1
        ? first.cells.some((c, j) => !isDecimalNumber(c) && isDecimalNumber(records[1]!.cells[j] ?? ''))
        : first.cells.every((c) => !isDecimalNumber(c))
      : options.hasHeader;
  const columns = hasHeader ? first.cells.map((c, j) => c || `column ${j + 1}`) : first.cells.map((_, j) => `column ${j + 1}`);
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new Error(`${name}: a header but no data rows`);

  const t = resolveTarget(options.target, columns, hasHeader, name);
  const colLabel = (j: number): string => (hasHeader ? `column '${columns[j]}' (${j + 1})` : `column ${j + 1}`);

  const n = rows.length;
  const f = width - 1;
  const x = new Float32Array(n * f);
  const targets: string[] = [];
  rows.forEach(({ line, cells }, r) => {
    if (cells.length !== width) throw new Error(`${name} line ${line}: ${count(cells.length, 'cell')}, expected ${width} like the first row`);
    let k = 0;
    for (let j = 0; j < width; j++) {
      const cell = cells[j]!;
      if (MISSING.has(cell.toLowerCase())) throw new Error(`${name} line ${line}, ${colLabel(j)}: missing value${cell ? ` '${cell}'` : ''}`);
      if (j === t) {
        targets.push(cell);
        continue;
      }
      if (!isDecimalNumber(cell)) throw new Error(`${name} line ${line}, ${colLabel(j)}: '${cell}' is not a number`);
      const v = Number(cell);
      // Float32 features: a value beyond ±3.4e38 would become ±Infinity, which training cannot use.
      if (!Number.isFinite(Math.fround(v))) throw new Error(`${name} line ${line}, ${colLabel(j)}: '${cell}' is too large for float32 (reading the CSV into float32 would give Infinity; values must be within ±3.4e38)`);
      x[r * f + k++] = v;
    }
  });

  const featureNames = columns.filter((_, j) => j !== t);
  const base = { x, n, inputSize: f, featureNames, targetName: columns[t]!, hasHeader };
  const numeric = targets.every(isDecimalNumber);
  const task = options.task === undefined || options.task === 'auto' ? autoTask(targets, numeric, options.maxClasses ?? 20) : options.task;

  if (task === 'regression') {
    if (!numeric) {
      const r = targets.findIndex((c) => !isDecimalNumber(c));
      throw new Error(`${name} line ${rows[r]!.line}, ${colLabel(t)}: '${targets[r]}' is not a number (regression target)`);
    }
    const big = targets.findIndex((c) => !Number.isFinite(Math.fround(Number(c))));
    if (big >= 0) throw new Error(`${name} line ${rows[big]!.line}, ${colLabel(t)}: '${targets[big]}' is too large for float32 (reading the CSV into float32 would give Infinity; values must be within ±3.4e38)`);
    return { ...base, y: Float32Array.from(targets, Number), outputSize: 1, task };
  }

  const classNames = classOrder(targets, numeric, options.classOrder ?? 'sorted');
  const index = new Map(classNames.map((c, i) => [c, i]));
  const labels = targets.map((c) => index.get(numeric ? String(Number(c)) : c)!);
  return { ...base, y: oneHot(labels, classNames.length), outputSize: classNames.length, classNames, task };
}

function resolveTarget(target: string | number | undefined, columns: string[], hasHeader: boolean, name: string): number {
  const width = columns.length;
  if (target === undefined) return width - 1;
  if (typeof target === 'number') {
    if (!Number.isInteger(target) || target >= width || target < -width) {
      throw new Error(`${name}: target column index ${target} is outside the ${width} columns`);
    }
    return target < 0 ? width + target : target;
  }
  const j = columns.indexOf(target);
  if (j >= 0) return j;
  if (/^-?\d+$/.test(target)) return resolveTarget(Number(target), columns, hasHeader, name);
  throw new Error(
    hasHeader
      ? `${name}: no column named '${target}' (columns: ${columns.join(', ')})`
      : `${name}: no header row, so the target must be a column index, not '${target}'`,
  );
}

function autoTask(targets: string[], numeric: boolean, maxClasses: number): 'classification' | 'regression' {
  if (!numeric) return 'classification';
  const values = targets.map(Number);
  if (!values.every(Number.isInteger)) return 'regression';
  return new Set(values).size <= maxClasses ? 'classification' : 'regression';
}

function classOrder(targets: string[], numeric: boolean, order: 'sorted' | 'first-seen'): string[] {
  // Numeric labels are keyed by their value, so "1" and "1.0" are one class.
  const keys = numeric ? targets.map((c) => String(Number(c))) : targets;
  const unique = [...new Set(keys)];
  if (order === 'first-seen') return unique;
  return numeric ? unique.sort((a, b) => Number(a) - Number(b)) : unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Options come from JavaScript callers and config files too, so a misspelt value is refused rather than read as a default. */
function checkOptions(options: CsvOptions, name: string): void {
  const oneOf = (key: string, value: unknown, allowed: readonly unknown[]): void => {
    if (value !== undefined && !allowed.includes(value)) {
      throw new Error(`${name}: option ${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`);
    }
  };
  oneOf('task', options.task, ['auto', 'classification', 'regression']);
  oneOf('classOrder', options.classOrder, ['sorted', 'first-seen']);
  oneOf('hasHeader', options.hasHeader, ['auto', true, false]);
  const max = options.maxClasses;
  if (max !== undefined && !(Number.isInteger(max) && max >= 2)) {
    throw new Error(`${name}: option maxClasses must be an integer ≥ 2, got ${String(max)}`);
  }
}
