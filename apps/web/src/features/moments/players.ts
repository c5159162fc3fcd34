/**
 * The media elements of recordings on the page, by media id, so "at 1:23 on <title>" in a comment
 * can seek the recording's player wherever it is in the thread.
 */
const elements = new Map<string, HTMLMediaElement>();

export function registerPlayer(mediaId: string, el: HTMLMediaElement | null): () => void {
  if (!el) return () => undefined;
  elements.set(mediaId, el);
  return () => {
    if (elements.get(mediaId) === el) elements.delete(mediaId);
  };
}

/** Scrolls to the recording, seeks it to `atMs` and puts focus on its player. */
export function seekPlayer(mediaId: string, atMs: number): boolean {
  const el = elements.get(mediaId);
  if (!el) return false;
  el.currentTime = atMs / 1000;
  const box = document.getElementById(`media-${mediaId}`);
  box?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const player = box?.querySelector<HTMLElement>('[data-player]');
  player?.focus({ preventScroll: true });
  return true;
}
