/**
 * Text tables for classification results: the confusion matrix with class names
 * (rows = actual, columns = predicted) and per-class precision / recall / F1.
 */
import type { Evaluation } from '@backprop/core';
import { displayNames } from './display-names.js';

function table(rows: string[][], alignLeft = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) => r.map((cell, c) => (c < alignLeft ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

/** Above this many classes a text table is unreadable: the matrix is left to --json. */
export const MAX_TABLE_CLASSES = 20;

/** The confusion matrix as aligned text (or a one-line note when there are too many classes). */
export function formatConfusion(confusion: readonly (readonly number[])[], classNames: readonly string[]): string {
  if (confusion.length > MAX_TABLE_CLASSES) return `(${confusion.length} classes: too many to print; the matrix is in the --json summary of eval)`;
  const names = displayNames(classNames.length === confusion.length ? classNames : confusion.map((_, i) => String(i)));
  const header = ['actual \\ predicted', ...names];
  const rows = confusion.map((row, i) => [names[i]!, ...row.map(String)]);
  return table([header, ...rows]);
}

/** Per-class precision, recall, F1 and support as aligned text. */
export function formatPerClass(evaluation: Evaluation, classNames: readonly string[]): string {
  const { precision, recall, f1, confusion } = evaluation;
  if (!precision || !recall || !f1 || !confusion) return '';
  if (precision.length > MAX_TABLE_CLASSES) return '';
  const names = displayNames(classNames.length === precision.length ? classNames : precision.map((_, i) => String(i)));
  const rows = names.map((name, i) => [
    name,
    precision[i]!.toFixed(3),
    recall[i]!.toFixed(3),
    f1[i]!.toFixed(3),
    String(confusion[i]!.reduce((a, b) => a + b, 0)),
  ]);
  return table([['class', 'precision', 'recall', 'f1', 'support'], ...rows]);
}
