import { describe, expect, it } from 'vitest';
import {
  attentionCost,
  playableEnd,
  playableStart,
  skipTarget,
  suggestsSummary,
  takeInParts,
  wordAt,
} from './playback';

const w = (startMs: number, endMs: number) => ({
  index: 0,
  text: 'x',
  startMs,
  endMs,
  confidence: 1,
  edited: false,
});

describe('wordAt', () => {
  const words = [w(0, 400), w(500, 900), w(1200, 1600)];
  it('finds the last word that started', () => {
    expect(wordAt(words, 0)).toBe(0);
    expect(wordAt(words, 950)).toBe(1);
    expect(wordAt(words, 1200)).toBe(2);
    expect(wordAt(words, 99_999)).toBe(2);
  });
  it('is -1 before the first word and for no words', () => {
    expect(wordAt([w(300, 500)], 100)).toBe(-1);
    expect(wordAt([], 100)).toBe(-1);
  });
});

describe('silences', () => {
  const silences = [
    { startMs: 0, endMs: 1000 },
    { startMs: 3000, endMs: 3300 },
    { startMs: 5000, endMs: 6500 },
    { startMs: 9000, endMs: 10_000 },
  ];
  it('skips silences of 0.5 s or more, not short pauses nor the trailing one', () => {
    expect(skipTarget(silences, 5100, 10_000)).toBe(6400);
    expect(skipTarget(silences, 3100, 10_000)).toBeNull();
    expect(skipTarget(silences, 9200, 10_000)).toBeNull();
    expect(skipTarget(silences, 7000, 10_000)).toBeNull();
  });
  it('trims leading and trailing silence', () => {
    expect(playableStart(silences)).toBe(900);
    expect(playableEnd(silences, 10_000)).toBe(9100);
    expect(playableStart([{ startMs: 200, endMs: 900 }])).toBe(0);
    expect(playableEnd(silences, 12_000)).toBeNull();
  });
});

describe('time to take in', () => {
  it('says how long at 1.5× and how long to read', () => {
    const words = Array.from({ length: 50 }, () => w(0, 1));
    expect(takeInParts(6 * 60_000, words)).toEqual(['≈ 4 min at 1.5×', 'read in ≈ 12 s']);
    expect(takeInParts(9000, null)).toEqual(['≈ 6 s at 1.5×']);
  });
  it('prices the attention of everyone who will watch', () => {
    expect(attentionCost(6 * 60_000, 8)).toBe('6 min × 8 people = 48 person-minutes');
    expect(attentionCost(30_000, 3)).toBe('30 s × 3 people = 1.5 person-minutes');
    expect(attentionCost(0, 8)).toBeNull();
    expect(suggestsSummary(4 * 60_000, 4)).toBe(true);
    expect(suggestsSummary(4 * 60_000, 3)).toBe(false);
  });
});
