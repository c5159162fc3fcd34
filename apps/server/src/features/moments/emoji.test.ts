import { isSingleEmoji, QUICK_REACTIONS } from '@tidings/contracts';
import { describe, expect, it } from 'vitest';

describe('reaction emoji', () => {
  it('accepts the quick set and any single emoji grapheme', () => {
    for (const emoji of [...QUICK_REACTIONS, '🦄', '👍🏽', '🇵🇹', '👩‍💻', '❤️‍🔥', '🏳️‍🌈']) {
      expect(isSingleEmoji(emoji), emoji).toBe(true);
    }
  });
  it('refuses text, several emoji and empty input', () => {
    for (const value of ['', 'a', 'ok', '👍👍', '👍 ', ':)', '1', '#', '🇵']) {
      expect(isSingleEmoji(value), value).toBe(false);
    }
  });
});
