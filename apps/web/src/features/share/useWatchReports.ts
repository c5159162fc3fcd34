import { useEffect } from 'react';
import { reportWatched } from './api';

const REPORT_EVERY_MS = 10_000;

/**
 * Collects the stretches a link viewer actually played and reports them every few seconds, on
 * pause and when the page is hidden (the author's view counts; 5 s or 75 % makes a view).
 */
export function useWatchReports(token: string, mediaId: string, el: HTMLMediaElement | null) {
  useEffect(() => {
    if (!el) return;
    let pending: Array<[number, number]> = [];
    let start: number | null = null;
    let last = 0;
    const closeRange = () => {
      if (start !== null && last > start) pending.push([Math.round(start), Math.round(last)]);
      start = null;
    };
    const flush = () => {
      closeRange();
      if (!el.paused) start = el.currentTime * 1000;
      if (pending.length === 0) return;
      const ranges = pending;
      pending = [];
      void reportWatched(token, mediaId, ranges);
    };
    const onTime = () => {
      const now = el.currentTime * 1000;
      if (el.paused || el.seeking) return;
      // A jump (seek, skipped silence) ends one stretch and starts the next.
      if (start === null || now < last || now - last > 1500) {
        closeRange();
        start = now;
      }
      last = now;
    };
    const onSeeking = () => closeRange();
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('seeking', onSeeking);
    el.addEventListener('pause', flush);
    el.addEventListener('ended', flush);
    document.addEventListener('visibilitychange', onHidden);
    const timer = setInterval(flush, REPORT_EVERY_MS);
    return () => {
      flush();
      clearInterval(timer);
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('seeking', onSeeking);
      el.removeEventListener('pause', flush);
      el.removeEventListener('ended', flush);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, [token, mediaId, el]);
}
