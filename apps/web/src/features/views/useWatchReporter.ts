import { useEffect } from 'react';
import { reportWatched } from './api';

const REPORT_EVERY_MS = 10_000;
/** A jump larger than this between two time updates is a seek (or a skipped silence). */
const JUMP_S = 1.5;

/**
 * Reports the parts of a recording actually played: every ~10 s while playing, and on pause,
 * end and pagehide. Seeks split the played stretch, so skipping ahead never counts as watching.
 */
export function useWatchReporter(el: HTMLMediaElement | null, mediaId: string, enabled: boolean): void {
  useEffect(() => {
    if (!el || !enabled) return;
    let pending: [number, number][] = [];
    let start: number | null = null;
    let last = 0;

    const close = (at: number) => {
      if (start !== null && at > start) pending.push([Math.round(start * 1000), Math.round(at * 1000)]);
      start = null;
    };
    const flush = () => {
      if (pending.length === 0) return;
      const ranges = pending;
      pending = [];
      // A failed report is kept for the next one.
      reportWatched(mediaId, ranges).catch(() => {
        pending = [...ranges, ...pending];
      });
    };
    const onPlay = () => {
      start = el.currentTime;
      last = el.currentTime;
    };
    const onTime = () => {
      if (el.paused) return;
      const now = el.currentTime;
      if (start === null || Math.abs(now - last) > JUMP_S) {
        close(last);
        start = now;
      }
      last = now;
    };
    const onSeeking = () => close(last);
    const onSeeked = () => {
      last = el.currentTime;
      if (!el.paused) start = el.currentTime;
    };
    const onStop = () => {
      close(el.currentTime);
      flush();
    };
    const tick = window.setInterval(() => {
      if (el.paused || start === null) return;
      const now = el.currentTime;
      close(now);
      start = now;
      last = now;
      flush();
    }, REPORT_EVERY_MS);
    const onPageHide = () => {
      if (!el.paused) {
        close(el.currentTime);
        start = el.currentTime;
      }
      flush();
    };

    const listeners: [keyof HTMLMediaElementEventMap, () => void][] = [
      ['play', onPlay],
      ['timeupdate', onTime],
      ['seeking', onSeeking],
      ['seeked', onSeeked],
      ['pause', onStop],
      ['ended', onStop],
    ];
    for (const [type, listener] of listeners) el.addEventListener(type, listener);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.clearInterval(tick);
      for (const [type, listener] of listeners) el.removeEventListener(type, listener);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the page or the thread: what was played still counts.
      close(el.paused ? last : el.currentTime);
      flush();
    };
  }, [el, mediaId, enabled]);
}
