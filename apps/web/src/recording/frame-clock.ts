/**
 * Calls `onTick` about `fps` times a second, also while the page is hidden: a worker keeps the
 * time (see frame-clock.worker.ts). Where workers cannot start, requestAnimationFrame does
 * (frames then pause while the tab is hidden). Returns the stop.
 */
export function startFrameClock(fps: number, onTick: () => void): () => void {
  try {
    const worker = new Worker(new URL('./frame-clock.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = () => onTick();
    worker.postMessage(fps);
    onTick();
    return () => {
      worker.postMessage('stop');
      worker.terminate();
    };
  } catch {
    let frame = 0;
    const loop = () => {
      onTick();
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }
}
