import { describe, expect, it } from 'vitest';
import { formatConfusion } from './confusion-table.js';
import { displayNames } from './display-names.js';

describe('displayNames', () => {
  it('leaves a set of plain names as it is', () => {
    expect(displayNames(['setosa', 'versicolor', 'virginica'])).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(displayNames(['New York', '0', 'é'])).toEqual(['New York', '0', 'é']);
  });

  it('quotes every name, JSON-style, when one would not read as itself', () => {
    expect(displayNames(['\n', ' ', '!', 'a'])).toEqual(['"\\n"', '" "', '"!"', '"a"']);
    expect(displayNames(['x, y', 'z'])).toEqual(['"x, y"', '"z"']);
    expect(displayNames(['say "hi"', 'b'])).toEqual(['"say \\"hi\\""', '"b"']);
    expect(displayNames(['', 'b'])).toEqual(['""', '"b"']);
    expect(displayNames(['\t', 'b'])).toEqual(['"\\t"', '"b"']);
    expect(displayNames(['a\u200bb', 'c'])[0]).toBe('"a\u200bb"');
  });
});

describe('the confusion table', () => {
  it('shows quoted class names when some are whitespace, so that every row stays on its line', () => {
    const table = formatConfusion(
      [
        [3, 1],
        [0, 2],
      ],
      ['\n', ' '],
    );
    expect(table.split('\n')).toEqual(['actual \\ predicted  "\\n"  " "', '"\\n"                   3    1', '" "                    0    2']);
  });
});
