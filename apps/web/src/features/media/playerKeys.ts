/** The player's keyboard, YouTube-style, as data: which key does what (pure, for tests). */
export type PlayerAction =
  | { type: 'toggle' }
  | { type: 'seekBy'; seconds: number }
  | { type: 'seekFraction'; fraction: number }
  | { type: 'seekEnd' }
  | { type: 'speed'; step: number }
  | { type: 'mute' }
  | { type: 'fullscreen' };

/** One frame at 30 fps: the `,` and `.` step while paused. */
export const FRAME_S = 1 / 30;

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What a key does in the player; null when the player leaves the key alone. */
export function playerKeyAction(event: KeyLike, { paused }: { paused: boolean }): PlayerAction | null {
  // Ctrl+F, Cmd+L… belong to the browser.
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const { key } = event;
  if (/^[0-9]$/.test(key)) return { type: 'seekFraction', fraction: Number(key) / 10 };
  switch (key) {
    case ' ':
    case 'k':
      return { type: 'toggle' };
    case 'j':
      return { type: 'seekBy', seconds: -10 };
    case 'l':
      return { type: 'seekBy', seconds: 10 };
    case 'ArrowLeft':
      return { type: 'seekBy', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seekBy', seconds: 5 };
    case 'Home':
      return { type: 'seekFraction', fraction: 0 };
    case 'End':
      return { type: 'seekEnd' };
    case ',':
      return paused ? { type: 'seekBy', seconds: -FRAME_S } : null;
    case '.':
      return paused ? { type: 'seekBy', seconds: FRAME_S } : null;
    case '<':
      return { type: 'speed', step: -1 };
    case '>':
      return { type: 'speed', step: 1 };
    case 'm':
      return { type: 'mute' };
    case 'f':
      return { type: 'fullscreen' };
    default:
      return null;
  }
}

/** Keys a focused slider handles itself (the seek bar's own arrows, the volume's Home/End). */
export const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** "-1:23": the time left at the current speed, as the remaining-time toggle shows it. */
export function remainingClock(timeS: number, durationS: number, rate: number): string {
  const leftS = Math.max(0, durationS - timeS) / (rate > 0 ? rate : 1);
  // Round up: "-0:01" until the very end, never "-0:00" with a second still to play.
  return `-${formatSeconds(Math.ceil(leftS - 1e-6))}`;
}

function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'audio/mp4': 'm4a',
  'video/webm': 'webm',
  'audio/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'video/ogg': 'ogv',
  'video/quicktime': 'mov',
  'audio/wav': 'wav',
};

const MEDIA_EXTENSION = /\.(mp4|m4v|m4a|mov|webm|mkv|avi|ogg|ogv|oga|opus|mp3|wav|aac|flac)$/i;

/** A download's file name: the title made safe for file systems, plus the rendition's extension. */
export function downloadName(title: string, mimeType: string): string {
  const base =
    title
      // Titles often are the uploaded file's name: "Demo.mov" downloads as "Demo.mp4", not "Demo.mov.mp4".
      .replace(MEDIA_EXTENSION, '')
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 120)
      .trim() || 'Recording';
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const ext = EXTENSIONS[type] ?? (type.startsWith('audio/') ? 'm4a' : 'mp4');
  return `${base}.${ext}`;
}

/** Playback speeds, pitch kept. */
export const SPEEDS = [1, 1.25, 1.5, 1.75, 2, 2.5];

/** One step slower (-1) or faster (+1) than `speed`, staying within SPEEDS. */
export function stepSpeed(speed: number, step: number): number {
  const i = SPEEDS.indexOf(speed);
  const from = Math.max(i, 0);
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, from + step))] ?? 1;
}

/** The voice note's speed button, like a messenger's: 1× → 1.5× → 2× → 1×. */
export function nextVoiceSpeed(speed: number): number {
  return [1, 1.5, 2].find((s) => s > speed) ?? 1;
}
