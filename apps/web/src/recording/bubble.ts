/** Where the camera bubble sits in a screen + camera recording, and how big it is. */

export type BubbleCorner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export type BubbleSize = 'small' | 'medium' | 'large';

export interface BubbleLayout {
  corner: BubbleCorner;
  size: BubbleSize;
}

export const bubbleCorners: Record<BubbleCorner, string> = {
  'top-left': 'Top left',
  'top-right': 'Top right',
  'bottom-left': 'Bottom left',
  'bottom-right': 'Bottom right',
};

export const bubbleSizes: Record<BubbleSize, string> = {
  small: 'Small',
  medium: 'Medium',
  large: 'Large',
};

export const DEFAULT_BUBBLE: BubbleLayout = { corner: 'bottom-right', size: 'medium' };

/** Diameter as a share of the picture's shorter side (medium is the size recordings always had). */
const SHARE_OF_SHORT_SIDE: Record<BubbleSize, number> = { small: 0.2, medium: 0.28, large: 0.4 };
/** A bubble never hides more than this share of the width (tall screens would get huge ones). */
const MAX_SHARE_OF_WIDTH = 0.3;
/** The gap to the edges, as a share of the shorter side: the same look at 720p and at 4K. */
const MARGIN_SHARE = 1 / 30;

/** The bubble's bounding square on a `width` × `height` picture, in whole pixels. */
export function bubbleGeometry(
  layout: BubbleLayout,
  width: number,
  height: number,
): { x: number; y: number; diameter: number } {
  const short = Math.min(width, height);
  const margin = Math.round(short * MARGIN_SHARE);
  const diameter = Math.round(
    Math.min(short * SHARE_OF_SHORT_SIDE[layout.size], width * MAX_SHARE_OF_WIDTH, height - 2 * margin),
  );
  const left = layout.corner.endsWith('left');
  const top = layout.corner.startsWith('top');
  return {
    x: left ? margin : width - margin - diameter,
    y: top ? margin : height - margin - diameter,
    diameter,
  };
}

const KEY = 'tidings.recorder.bubble';

/** The last choice, remembered like the devices are; anything unreadable falls back to the default. */
export function rememberedBubble(): BubbleLayout {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<BubbleLayout> | null;
    return {
      corner: saved?.corner && saved.corner in bubbleCorners ? saved.corner : DEFAULT_BUBBLE.corner,
      size: saved?.size && saved.size in bubbleSizes ? saved.size : DEFAULT_BUBBLE.size,
    };
  } catch {
    return DEFAULT_BUBBLE;
  }
}

export function rememberBubble(layout: BubbleLayout): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(layout));
  } catch {
    // private mode: not remembered, still works
  }
}
