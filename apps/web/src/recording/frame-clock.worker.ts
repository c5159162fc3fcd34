// Ticks for the screen + camera compositor. A dedicated worker's timers keep their pace while
// the page is hidden — which is exactly when people record their screen: they switch to the tab
// or app they are showing — whereas the page's requestAnimationFrame stops and its own timers
// slow to once a second or less.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<number | 'stop'>) => void) | null;
  postMessage(message: number): void;
};
let timer: ReturnType<typeof setInterval> | undefined;
scope.onmessage = (event) => {
  clearInterval(timer);
  if (event.data === 'stop') return;
  let tick = 0;
  timer = setInterval(() => scope.postMessage(++tick), 1000 / event.data);
};
