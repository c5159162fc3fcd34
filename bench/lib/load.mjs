// HTTP load through autocannon's programmatic API, and the figures we report from it.
import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { log, round } from './cli.mjs';

/**
 * Runs autocannon against `options.url` for `options.duration` seconds (after a warm-up of
 * `warmup` seconds whose figures are thrown away, so the JIT and caches are warm) and returns
 * its result. Any other autocannon option (method, headers, body, connections) passes through.
 */
export async function runLoad({ label, warmup = 2, ...options }) {
  if (warmup > 0) {
    log(`${label}: warming up for ${warmup} s`);
    await autocannon({ ...options, duration: warmup });
  }
  log(`${label}: ${options.connections} connections for ${options.duration} s`);
  // autocannon's own histogram keeps whole milliseconds; ours keeps microseconds, so sub-millisecond
  // latencies (the reference server's) are not reported as 0 or 1.
  const latencyUs = createHistogram();
  const instance = autocannon(options);
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300)
      latencyUs.record(Math.max(1, Math.round(responseTimeMs * 1000)));
  });
  const result = await instance;
  const summary = summarize(result, latencyUs);
  log(
    `${label}: ${summary.rps} req/s, p50 ${summary.p50_ms} ms, p99 ${summary.p99_ms} ms` +
      (summary.failed
        ? `, ${summary.failed} failed (non-2xx ${result.non2xx}, errors ${result.errors})`
        : ''),
  );
  const total = result.requests.total + result.errors;
  if (total === 0 || summary.failed / total > 0.01) {
    throw new Error(
      `${label}: ${summary.failed} of ${total} requests failed (status codes ${JSON.stringify(result.statusCodeStats)}); the figures would be meaningless`,
    );
  }
  return summary;
}

/**
 * Requests per second over the whole run, and latency percentiles in milliseconds of the 2xx
 * responses, from a microsecond histogram when one was kept.
 */
export function summarize(result, latencyUs) {
  const percentileMs = (p) =>
    latencyUs?.count > 0 ? round(latencyUs.percentile(p) / 1000) : round(result.latency[`p${p}`]);
  return {
    rps: round(result.requests.total / result.duration, 1),
    p50_ms: percentileMs(50),
    p99_ms: percentileMs(99),
    failed: result.non2xx + result.errors,
  };
}
