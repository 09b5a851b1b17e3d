/**
 * Seeded fuzz of parseCsv: a small CSV cut at every length, and mutated byte by byte with the
 * characters that matter to CSV (delimiters, quotes, line breaks, signs, exponents, "NA"). Every
 * case must give a data set whose sizes agree with its arrays and whose values are finite, or be
 * refused with a plain Error naming the source; never a TypeError/RangeError from inside.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { parseCsv, type CsvDataset, type CsvOptions } from './csv.js';

const TEXT = 'a,b,c,label\n1.5,2,-3e2,cat\n4,.5,6,dog\n7,8,9.25,cat\n0,1e-3,+2,bird\n';
const PIECES = [',', ';', '\t', '"', '\n', '\r\n', '', ' ', '-', '+', 'e', 'E9', '1e39', '.', '0', '9', 'NA', '?', 'x', '""', '"a,b"'];

function check(text: string, options: CsvOptions, label: string): CsvDataset | null {
  let d: CsvDataset;
  try {
    d = parseCsv(text, { ...options, name: 'in.csv' });
  } catch (e) {
    if (!(e instanceof Error) || e.constructor !== Error) throw new Error(`${label}: threw ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
    if (!e.message.startsWith('in.csv')) throw new Error(`${label}: the message does not name the file: ${e.message}`);
    return null;
  }
  const ok =
    d.n >= 1 &&
    d.inputSize >= 1 &&
    d.x.length === d.n * d.inputSize &&
    d.y.length === d.n * d.outputSize &&
    d.featureNames?.length === d.inputSize &&
    d.x.every(Number.isFinite) &&
    d.y.every(Number.isFinite) &&
    (d.task === 'regression' ? d.outputSize === 1 : d.classNames?.length === d.outputSize);
  if (!ok) throw new Error(`${label}: accepted an inconsistent data set: ${JSON.stringify({ n: d.n, inputSize: d.inputSize, outputSize: d.outputSize })}`);
  return d;
}

describe('CSV under mutation', () => {
  it('the unmodified text loads', () => {
    const d = check(TEXT, {}, 'valid');
    expect([d?.n, d?.inputSize, d?.classNames]).toEqual([4, 3, ['bird', 'cat', 'dog']]);
  });

  it('every cut and 3,000 edits are refused with an Error naming the file, or give a consistent data set', () => {
    for (let n = 0; n <= TEXT.length; n++) for (const task of ['auto', 'regression', 'classification'] as const) check(TEXT.slice(0, n), { task }, `cut to ${n} (${task})`);
    const rng = new Rng(6);
    const optionSets: CsvOptions[] = [{}, { task: 'regression', target: 0 }, { task: 'classification', target: 'a' }, { hasHeader: false, target: -2 }, { delimiter: ';' }];
    for (let k = 0; k < 3000; k++) {
      let text = TEXT;
      for (let e = 1 + rng.int(3); e > 0; e--) {
        const at = rng.int(text.length + 1);
        const piece = PIECES[rng.int(PIECES.length)]!;
        const drop = rng.int(3);
        text = text.slice(0, at) + piece + text.slice(at + drop);
      }
      check(text, optionSets[k % optionSets.length]!, `edit ${k}: ${JSON.stringify(text)}`);
    }
  });
});
