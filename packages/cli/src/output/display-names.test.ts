import { describe, expect, it } from 'vitest';
import { formatConfusion } from './confusion-table.js';
import { displayName, displayNames, escapeJsonText } from './display-names.js';
import { shortList } from './short-list.js';

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
    expect(displayNames(['a\u200bb', 'c'])[0]).toBe('"a\\u200bb"');
  });

  it('escapes every character a terminal could act on: ESC, CR, DEL, C1 controls, bidi overrides, line separators', () => {
    const names = ['\u001b[31mred', 'ok\rfake', 'a\u007fb', 'c\u009b2Jd', 'e\u202ef', 'g\u2028h'];
    expect(displayNames(names)).toEqual(['"\\u001b[31mred"', '"ok\\rfake"', '"a\\u007fb"', '"c\\u009b2Jd"', '"e\\u202ef"', '"g\\u2028h"']);
    for (const shown of displayNames(names)) expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    expect(displayName('plain name')).toBe('plain name');
    expect(displayName('\u001b]0;title\u0007')).toBe('"\\u001b]0;title\\u0007"');
  });

  it('shortList and the JSON summary go through the same escaping, the JSON still meaning the same value', () => {
    expect(shortList(['a\u001b[2J', 'b'])).toBe('"a\\u001b[2J", "b"');
    const many = Array.from({ length: 20 }, (_, i) => (i === 19 ? 'z\r' : `f${i}`));
    expect(shortList(many)).toBe('"f0", "f1", "f2", "f3", "f4", "f5", …, "z\\r" (20 in all)');
    const json = escapeJsonText(JSON.stringify({ name: 'c\u009b2J\u2028' }));
    expect(json).toBe('{"name":"c\\u009b2J\\u2028"}');
    expect(JSON.parse(json)).toEqual({ name: 'c\u009b2J\u2028' });
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
