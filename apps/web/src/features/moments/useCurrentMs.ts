import { useEffect, useState } from 'react';

/** The element's current time in ms, updated as it plays and seeks. */
export function useCurrentMs(el: HTMLMediaElement | null): number {
  const [ms, setMs] = useState(0);
  useEffect(() => {
    if (!el) return;
    const update = () => setMs(Math.round(el.currentTime * 1000));
    update();
    el.addEventListener('timeupdate', update);
    el.addEventListener('seeked', update);
    el.addEventListener('loadedmetadata', update);
    return () => {
      el.removeEventListener('timeupdate', update);
      el.removeEventListener('seeked', update);
      el.removeEventListener('loadedmetadata', update);
    };
  }, [el]);
  return ms;
}
