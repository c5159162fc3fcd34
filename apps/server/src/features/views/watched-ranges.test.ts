import { describe, expect, it } from 'vitest';
import { countsAsView, mergeRanges, parseRanges, watchedMs } from './watched-ranges';

describe('mergeRanges', () => {
  it('joins overlapping and touching ranges, in any order', () => {
    expect(
      mergeRanges([
        [10_000, 20_000],
        [0, 5_000],
        [4_000, 8_000],
        [20_000, 25_000],
      ]),
    ).toEqual([
      [0, 8_000],
      [10_000, 25_000],
    ]);
  });

  it('keeps gaps apart and counts only what was covered', () => {
    const merged = mergeRanges([
      [0, 1_000],
      [3_000, 4_000],
      [500, 1_500],
    ]);
    expect(merged).toEqual([
      [0, 1_500],
      [3_000, 4_000],
    ]);
    expect(watchedMs(merged)).toBe(2_500);
  });

  it('clamps to the duration and to zero, turns reversed ranges round, drops empty ones', () => {
    expect(
      mergeRanges(
        [
          [-500, 1_000],
          [9_000, 12_000],
          [3_000, 2_000],
          [4_000, 4_000],
          [11_000, 15_000],
          [Number.NaN, 5],
        ],
        10_000,
      ),
    ).toEqual([
      [0, 1_000],
      [2_000, 3_000],
      [9_000, 10_000],
    ]);
  });

  it('bridges small gaps when asked (reports every 10 s)', () => {
    expect(
      mergeRanges(
        [
          [0, 9_990],
          [10_000, 20_000],
        ],
        null,
        50,
      ),
    ).toEqual([[0, 20_000]]);
  });

  it('does not mutate its input', () => {
    const input: [number, number][] = [
      [0, 5],
      [3, 9],
    ];
    mergeRanges(input);
    expect(input).toEqual([
      [0, 5],
      [3, 9],
    ]);
  });
});

describe('countsAsView', () => {
  it('needs 5 s of a long recording', () => {
    expect(countsAsView(4_000, 60_000)).toBe(false);
    expect(countsAsView(5_000, 60_000)).toBe(true);
  });
  it('takes 75 % of a short clip', () => {
    expect(countsAsView(4_400, 6_000)).toBe(false);
    expect(countsAsView(4_500, 6_000)).toBe(true);
  });
  it('without a known duration, only 5 s counts', () => {
    expect(countsAsView(4_999, null)).toBe(false);
    expect(countsAsView(5_000, null)).toBe(true);
  });
});

describe('parseRanges', () => {
  it('reads stored JSON and treats damage as nothing watched', () => {
    expect(parseRanges('[[0,5],[7,9]]')).toEqual([
      [0, 5],
      [7, 9],
    ]);
    expect(parseRanges('nope')).toEqual([]);
    expect(parseRanges('[[0],"x",[1,2]]')).toEqual([[1, 2]]);
  });
});
