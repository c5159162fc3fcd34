import { describe, expect, it } from 'vitest';
import { bubbleGeometry } from './bubble';

describe('camera bubble geometry', () => {
  it('puts the bubble in the chosen corner with a margin proportional to the picture', () => {
    // 1280×720: margin 24 px (1/30 of 720), medium diameter 202 px (28 % of 720).
    expect(bubbleGeometry({ corner: 'bottom-right', size: 'medium' }, 1280, 720)).toEqual({
      x: 1280 - 24 - 202,
      y: 720 - 24 - 202,
      diameter: 202,
    });
    expect(bubbleGeometry({ corner: 'top-left', size: 'medium' }, 1280, 720)).toEqual({
      x: 24,
      y: 24,
      diameter: 202,
    });
    expect(bubbleGeometry({ corner: 'top-right', size: 'small' }, 1280, 720)).toEqual({
      x: 1280 - 24 - 144,
      y: 24,
      diameter: 144,
    });
    expect(bubbleGeometry({ corner: 'bottom-left', size: 'large' }, 1280, 720)).toEqual({
      x: 24,
      y: 720 - 24 - 288,
      diameter: 288,
    });
  });

  it('scales with the output: at 4K everything is three times the 720p figures', () => {
    const small = bubbleGeometry({ corner: 'bottom-right', size: 'large' }, 1280, 720);
    const big = bubbleGeometry({ corner: 'bottom-right', size: 'large' }, 3840, 2160);
    expect(big.diameter).toBe(small.diameter * 3);
    expect(3840 - big.x - big.diameter).toBe((1280 - small.x - small.diameter) * 3);
  });

  it('never covers more than 30 % of the width, even on a tall screen', () => {
    for (const size of ['small', 'medium', 'large'] as const) {
      for (const [w, h] of [
        [1280, 720],
        [720, 1280],
        [400, 1600],
        [3440, 1440],
      ] as const) {
        const { x, y, diameter } = bubbleGeometry({ corner: 'top-right', size }, w, h);
        expect(diameter).toBeLessThanOrEqual(w * 0.3 + 0.5);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x + diameter).toBeLessThanOrEqual(w);
        expect(y + diameter).toBeLessThanOrEqual(h);
      }
    }
    expect(bubbleGeometry({ corner: 'top-left', size: 'large' }, 720, 1280).diameter).toBe(216);
  });

  it('keeps the sizes apart: small < medium < large', () => {
    const d = (size: 'small' | 'medium' | 'large') =>
      bubbleGeometry({ corner: 'top-left', size }, 1920, 1080).diameter;
    expect(d('small')).toBeLessThan(d('medium'));
    expect(d('medium')).toBeLessThan(d('large'));
  });
});
