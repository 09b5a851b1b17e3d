/**
 * The rows `predict` runs on, from --input: inline numbers (`5.1,3.5,1.4,0.2`, rows separated
 * by `;`), a CSV file of feature rows (a header is used to pick the model's feature columns by
 * name), or an image file for image models (see image/digit-image.ts).
 */
import Papa from 'papaparse';
import { existsSync } from 'node:fs';
import { InputFileError, readInputFile } from '@backprop/core/node';
import { extname } from 'node:path';
import { CliError, UsageError } from '../errors.js';
import { IMAGE_EXTENSIONS } from '../image/image-extensions.js';
import { inputLimit } from './input-limits.js';
import { shortList } from '../output/short-list.js';


/** A decimal number as a CSV cell writes it (Number() would also read '0x10', '' and ' '). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface InputRows {
  readonly kind: 'inline' | 'csv' | 'image';
  readonly x: Float32Array;
  readonly rows: number;
  /** Labels for the rows in output (e.g. the CSV line, or the image file). */
  readonly labels: string[];
}

/** Decimal numbers only, as training's CSV reader takes them: Number() alone would also read '0x10' as 16. */
function decimal(cell: string): number {
  const text = cell.trim();
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

function parseNumberCell(cell: string, where: string): number {
  const value = decimal(cell);
  if (!Number.isFinite(value)) throw new CliError(`${where}: '${cell}' is not a number.`);
  checkFloat32(value, cell, where);
  return value;
}

/** Refuses a number that the Float32Array of rows would hold as ±Infinity (beyond ±3.4e38). */
function checkFloat32(value: number, cell: string, where: string): void {
  if (!Number.isFinite(Math.fround(value))) {
    throw new CliError(`${where}: '${cell.trim()}' is too large for float32 (reading it into float32 would give Infinity; values must be within ±3.4e38).`);
  }
}

/** Inline rows: numbers separated by commas, rows by semicolons. */
export function parseInlineRows(text: string, inputSize: number): InputRows {
  const rowsText = text.split(';').map((r) => r.trim()).filter((r) => r !== '');
  if (rowsText.length === 0) throw new UsageError('--input is empty: give values like 5.1,3.5,1.4,0.2.', 'predict');
  const x = new Float32Array(rowsText.length * inputSize);
  rowsText.forEach((row, r) => {
    const cells = row.split(',');
    if (cells.length !== inputSize) {
      throw new UsageError(`--input row ${r + 1} has ${cells.length} values, but the model takes ${inputSize}.`, 'predict');
    }
    cells.forEach((cell, c) => {
      const v = decimal(cell);
      if (!Number.isFinite(v)) throw new UsageError(`--input row ${r + 1}, value ${c + 1}: '${cell}' is not a number.`, 'predict');
      if (!Number.isFinite(Math.fround(v))) {
        throw new UsageError(`--input row ${r + 1}, value ${c + 1}: '${cell.trim()}' is too large for float32 (values must be within ±3.4e38).`, 'predict');
      }
      x[r * inputSize + c] = v;
    });
  });
  return { kind: 'inline', x, rows: rowsText.length, labels: rowsText.map((_, i) => `row ${i + 1}`) };
}

/**
 * CSV rows. With a header and known feature names, those columns are taken (any others, such
 * as a target column, are ignored); otherwise every row must hold exactly inputSize numbers.
 */
export function readCsvRows(path: string, inputSize: number, featureNames: readonly string[] | undefined): InputRows {
  let text: string;
  try {
    text = readInputFile(path, 'input file', inputLimit('predict')).toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) throw new CliError(`${error.message}.`, { cause: error });
    throw new CliError(`cannot read '${path}': ${(error as Error).message}`);
  }
  // Blank lines are skipped, but each row keeps its line number in the file for labels and errors.
  const records: { line: number; cells: string[] }[] = [];
  Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { skipEmptyLines: false }).data.forEach((cells, i) => {
    if (!(cells.length === 1 && (cells[0] ?? '').trim() === '')) records.push({ line: i + 1, cells });
  });
  if (records.length === 0) throw new CliError(`'${path}' holds no rows.`);
  const first = records[0]!.cells;
  const hasHeader = first.some((cell) => cell.trim() !== '' && !Number.isFinite(decimal(cell)));
  const body = hasHeader ? records.slice(1) : records;
  if (body.length === 0) throw new CliError(noDataRows(path, first));
  let columns: number[];
  if (hasHeader && featureNames && featureNames.every((name) => first.includes(name))) {
    columns = featureNames.map((name) => first.indexOf(name));
  } else {
    if (first.length !== inputSize) {
      throw new CliError(
        `'${path}' has ${first.length} columns, but the model takes ${inputSize} inputs` +
          (featureNames ? ` (${shortList(featureNames)}; a header with these names selects them).` : '.'),
      );
    }
    columns = Array.from({ length: inputSize }, (_, i) => i);
  }
  const x = new Float32Array(body.length * inputSize);
  body.forEach(({ line, cells: row }, r) => {
    if (row.length !== first.length) throw new CliError(`${path}: line ${line} has ${row.length} cells, expected ${first.length}.`);
    columns.forEach((c, j) => {
      const name = hasHeader ? `'${first[c]}' (${c + 1})` : String(c + 1);
      x[r * inputSize + j] = parseNumberCell(row[c]!, `${path}: line ${line}, column ${name}`);
    });
  });
  return { kind: 'csv', x, rows: body.length, labels: body.map(({ line }) => `line ${line}`) };
}

/**
 * The message for a file whose only line was taken as a header. When that line is mostly
 * numbers it was more likely a data row with a typo, so the cell that made it a header is named.
 */
function noDataRows(path: string, header: readonly string[]): string {
  const words = header.filter((cell) => cell.trim() !== '' && !Number.isFinite(decimal(cell)));
  if (words.length < header.length / 2) {
    return `'${path}' has no data rows: its only line was read as a header because '${words[0]}' is not a number.`;
  }
  return `'${path}' holds a header line but no data rows: add a row of ${header.length} values under it for each input to predict.`;
}

/** Whether --input names an image file. */
export function isImagePath(input: string): boolean {
  return IMAGE_EXTENSIONS.includes(extname(input).toLowerCase());
}

/** Whether --input names a file (rather than inline values). */
export function isFileInput(input: string): boolean {
  return existsSync(input) || /\.(csv|txt|tsv)$/i.test(input) || isImagePath(input);
}
