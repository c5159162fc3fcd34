import type { Media, MediaMoments } from '@tidings/contracts';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useCurrentSession } from '../../api/session';
import { useWatchReporter } from '../views/useWatchReporter';
import { useMoments } from './api';
import { registerPlayer } from './players';

/** One mark on a player's timeline. */
export interface TimelineMark {
  key: string;
  atMs: number;
  kind: 'comment' | 'reaction';
  /** The emoji for reactions; empty for comments (drawn as a dot). */
  symbol: string;
  /** What hover and focus show, and what screen readers read. */
  label: string;
}

export interface MomentsHub {
  media: Media;
  threadId: string;
  moments: MediaMoments | undefined;
  marks: TimelineMark[];
  element: HTMLMediaElement | null;
  /** Players hand over their element: the panel reads the time from it and seeks it. */
  setElement: (el: HTMLMediaElement | null) => void;
  /** Where the comment being written is pinned (ms), or null when none is open. */
  composingAtMs: number | null;
  startComment: (atMs: number) => void;
  stopComment: () => void;
}

const Hub = createContext<MomentsHub | null>(null);

/** Players inside a scope show marks and take `c`; outside one (share pages) they stay plain. */
export const useMomentsHub = () => useContext(Hub);

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function marksOf(moments: MediaMoments | undefined): TimelineMark[] {
  if (!moments) return [];
  return [
    ...moments.comments.map((c) => ({
      key: `c-${c.id}`,
      atMs: c.atMs,
      kind: 'comment' as const,
      symbol: '',
      label: `${c.author.name} at ${clock(c.atMs)}: ${c.excerpt}`,
    })),
    ...moments.reactions.map((r) => ({
      key: `r-${r.emoji}-${r.atMs}`,
      atMs: r.atMs,
      kind: 'reaction' as const,
      symbol: r.emoji,
      label: `${r.emoji} at ${clock(r.atMs)} from ${r.people.map((p) => p.name).join(', ')}`,
    })),
  ].sort((a, b) => a.atMs - b.atMs);
}

/**
 * A recording in a thread: loads its comments and reactions, lets its player register, reports
 * what is watched, and holds the "comment at this moment" state for the panel below it.
 */
export function MomentsScope({
  media,
  threadId,
  children,
}: {
  media: Media;
  threadId: string;
  children: ReactNode;
}) {
  const ready = media.status === 'ready';
  const { data: moments } = useMoments(media.id, ready);
  const [element, setElementState] = useState<HTMLMediaElement | null>(null);
  const [composingAtMs, setComposingAtMs] = useState<number | null>(null);
  const setElement = useCallback((el: HTMLMediaElement | null) => setElementState(el), []);
  useEffect(() => registerPlayer(media.id, element), [media.id, element]);
  // The author watching their own recording is no receipt.
  const isAuthor = useCurrentSession().user.id === media.owner.id;
  useWatchReporter(element, media.id, ready && !isAuthor);
  const marks = useMemo(() => marksOf(moments), [moments]);
  const value = useMemo<MomentsHub>(
    () => ({
      media,
      threadId,
      moments,
      marks,
      element,
      setElement,
      composingAtMs,
      startComment: (atMs) => {
        // The comment is pinned to this moment; the recording waits while it is written.
        element?.pause();
        setComposingAtMs(Math.max(0, Math.round(atMs)));
      },
      stopComment: () => setComposingAtMs(null),
    }),
    [media, threadId, moments, marks, element, setElement, composingAtMs],
  );
  return (
    <Hub.Provider value={value}>
      <div id={`media-${media.id}`}>{children}</div>
    </Hub.Provider>
  );
}
