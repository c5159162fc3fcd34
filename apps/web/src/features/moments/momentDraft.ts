import { useSyncExternalStore } from 'react';

/** What the thread's reply box is about to answer: a comment on the moment of a recording. */
export interface MomentDraft {
  threadId: string;
  mediaId: string;
  atMs: number;
  mediaTitle: string;
  /** The comment replied to, when this is a reply to one. */
  replyTo: { postId: string; authorName: string } | null;
}

let draft: MomentDraft | null = null;
const listeners = new Set<() => void>();

/** Set by "Reply" on a comment; read by the reply box, which sends it with the reply. */
export function setMomentDraft(next: MomentDraft | null): void {
  draft = next;
  for (const listener of listeners) listener();
}

export function useMomentDraft(threadId: string): MomentDraft | null {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => draft,
  );
  return current?.threadId === threadId ? current : null;
}
