import type { Media, MediaKind, MyMedia } from '@tidings/contracts';
import { formatRelative } from '../../../lib/dates';
import { formatClock } from '../api';
import { statusLine } from '../StatusOverlay';

/** The kind filter's choices; "all" shows both. */
export type KindFilter = 'all' | MediaKind;

export interface LibraryFilter {
  query: string;
  kind: KindFilter;
}

export const UNTITLED = 'Untitled recording';

export const titleOf = (media: Pick<Media, 'title'>) => media.title.trim() || UNTITLED;

/** "0:07", "12:30", "1:02:03"; null while the length is unknown (still uploading or processing). */
export function durationBadge(durationMs: number | null | undefined): string | null {
  if (durationMs === null || durationMs === undefined || durationMs <= 0) return null;
  // Round up under a second so a short clip never reads "0:00".
  return formatClock(Math.max(durationMs, 1000));
}

/** What the card says about a recording that cannot be watched yet; null once ready. */
export function cardStatus(media: Media): string | null {
  if (media.status === 'ready') return null;
  return statusLine(media);
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/**
 * Recordings whose title or transcript excerpt contains every word of the query (any order,
 * case and accents ignored), of the chosen kind. Order is kept (the server sends newest first).
 */
export function filterRecordings<T extends Pick<Media, 'kind' | 'title' | 'transcriptExcerpt'>>(
  media: readonly T[],
  { query, kind }: LibraryFilter,
): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return media.filter((m) => {
    if (kind !== 'all' && m.kind !== kind) return false;
    if (words.length === 0) return true;
    const haystack = fold(`${titleOf(m)} ${m.transcriptExcerpt ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}

/** The excerpt as one line: whitespace collapsed; null when empty. */
export function oneLine(text: string | null | undefined): string | null {
  const line = text?.replace(/\s+/g, ' ').trim();
  return line ? line : null;
}

/** "just now" for the first minute (a fresh recording), then "5 minutes ago", "3 days ago". */
export function createdLabel(createdAt: number, now = Date.now()): string {
  return now - createdAt < 60_000 ? 'just now' : formatRelative(createdAt, now);
}

/**
 * Where the editable part of a title ends when renaming: before a file extension an upload kept
 * ("Quarterly demo.mp4" → "Quarterly demo"), so typing replaces the name and keeps ".mp4".
 */
export function nameSelectionEnd(title: string, source: Media['source']): number {
  if (source !== 'upload') return title.length;
  const extension = /\.(?=[a-z0-9]*[a-z])[a-z0-9]{2,5}$/i.exec(title);
  return extension && extension.index > 0 ? extension.index : title.length;
}

/**
 * The card's "3 viewers" (people and share-link viewers whose view counted) with a tooltip;
 * "Not watched yet" once ready; null while it cannot be watched or the server sent no counts.
 */
export function viewersLabel(
  media: Pick<MyMedia, 'status' | 'views'>,
  now = Date.now(),
): { count: number; text: string; title: string } | null {
  if (media.status !== 'ready' || !media.views) return null;
  const { people, linkViews, lastViewedAt } = media.views;
  const viewers = people + linkViews;
  if (viewers === 0) return { count: 0, text: 'Not watched yet', title: 'Nobody else has watched it yet' };
  const parts = [
    people > 0 && `${people} ${people === 1 ? 'person' : 'people'}`,
    linkViews > 0 && `${linkViews} through a share link`,
  ].filter(Boolean);
  const last = lastViewedAt === null ? null : `Last watched ${createdLabel(lastViewedAt, now)}`;
  return {
    count: viewers,
    text: `${viewers} ${viewers === 1 ? 'viewer' : 'viewers'}`,
    title: [last, parts.join(', ')].filter(Boolean).join(' · '),
  };
}
