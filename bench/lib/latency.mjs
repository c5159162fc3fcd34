// Sequential latency sampling: one request (or query) at a time, so the figures are what a
// person waits, not what a saturated server queues.
import { performance } from 'node:perf_hooks';
import { log, round } from './cli.mjs';

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Runs `fn(i)` `warmup` times unmeasured, then `samples` times; returns p50/p99 in milliseconds. */
export async function sampleLatency(label, fn, { samples, warmup = Math.ceil(samples / 10) }) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await fn(warmup + i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const figures = { p50_ms: round(percentile(times, 50)), p99_ms: round(percentile(times, 99)) };
  log(`${label}: p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms (${samples} samples)`);
  return figures;
}

/** fetch that throws unless the status is the one expected; returns the parsed JSON body. */
export async function fetchJson(url, { expect = 200, ...init } = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  if (response.status !== expect) {
    throw new Error(
      `${init.method ?? 'GET'} ${url}: expected ${expect}, got ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return text ? JSON.parse(text) : null;
}
