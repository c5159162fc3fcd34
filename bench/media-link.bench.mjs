// Benchmark `media-link`: the time from "stop" to a share link that opens, for recordings of
// different lengths, streamed through tus in 2-second chunks the way the recorder sends them.
//
//   npm run bench -- media-link [--quick]
//
// For each length (10 s, 5 min, 30 min; --quick: 10 s, 1 min, 5 min) a media is created, a tus
// upload with deferred length is fed 2-second chunks as fast as the server takes them (faster
// than real time, which is fine: what counts is the time after stop), then the clock starts and
// the recorder's stop sequence runs — POST /stop and the final PATCH with Upload-Length — and
// stops when GET /api/share/<token> answers with the media (the page a viewer opens). The link
// must not get slower as recordings get longer. Figures: link_p95_ms_10s, link_p95_ms_5min,
// link_p95_ms_30min (p50 too), bytes per chunk, samples. Processing (remux, poster) runs after
// this and is measured by media-finalize; the bytes here are random, so it fails, by design.
import { randomBytes } from 'node:crypto';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';
import { api } from './lib/media.mjs';
import { setUpWorkspace, startServer } from './lib/server.mjs';

const { quick } = benchArgs();
const BITRATE_BPS = 1_500_000; // a 720p MediaRecorder WebM is about 1–2.5 Mb/s
const CHUNK_S = 2;
const CHUNK_BYTES = (BITRATE_BPS / 8) * CHUNK_S;
const lengths = quick
  ? [
      { name: '10s', seconds: 10, samples: 10 },
      { name: '5min', seconds: 60, samples: 3, label: '1min (quick)' },
      { name: '30min', seconds: 300, samples: 2, label: '5min (quick)' },
    ]
  : [
      { name: '10s', seconds: 10, samples: 20 },
      { name: '5min', seconds: 300, samples: 8 },
      { name: '30min', seconds: 1800, samples: 4 },
    ];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

await runBench(async (onCleanup) => {
  const server = await startServer();
  onCleanup(() => server.stop());
  const owner = await setUpWorkspace(server);
  const auth = { cookie: owner.cookie, 'x-csrf-token': owner.csrfToken, 'tus-resumable': '1.0.0' };
  const chunk = randomBytes(CHUNK_BYTES);

  const patch = async (url, offset, body, headers = {}) => {
    const response = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...auth,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        ...headers,
      },
      body,
    });
    if (response.status !== 204)
      throw new Error(`PATCH at ${offset}: ${response.status} ${await response.text()}`);
  };

  /** One recording: returns ms from the stop sequence to the share link answering. */
  async function recordOnce(seconds) {
    const { media } = await api(server, owner, 'POST', '/api/media', {
      kind: 'video',
      source: 'recording',
      mimeType: 'video/webm;codecs=vp8,opus',
      title: 'bench',
    });
    const b64 = (s) => Buffer.from(s).toString('base64');
    const created = await fetch(`${server.url}/api/uploads`, {
      method: 'POST',
      headers: { ...auth, 'upload-defer-length': '1', 'upload-metadata': `mediaId ${b64(media.id)}` },
    });
    if (created.status !== 201) throw new Error(`tus create: ${created.status} ${await created.text()}`);
    const location = created.headers.get('location') ?? '';
    const url = location.startsWith('http') ? location : `${server.url}${location}`;
    const chunks = Math.ceil(seconds / CHUNK_S);
    let offset = 0;
    for (let i = 0; i < chunks - 1; i++) {
      await patch(url, offset, chunk);
      offset += chunk.length;
    }
    const token = new URL(media.shareUrl).pathname.split('/').pop();
    const started = performance.now();
    // The recorder's stop: the link goes live at once, the last chunk and the length follow.
    await Promise.all([
      api(server, owner, 'POST', `/api/media/${media.id}/stop`, { durationMs: seconds * 1000 }),
      patch(url, offset, chunk, { 'upload-length': String(offset + chunk.length) }),
    ]);
    const shared = await api(server, owner, 'GET', `/api/share/${token}`);
    const ms = performance.now() - started;
    if (shared.id !== media.id) throw new Error('share link answered with another media');
    return ms;
  }

  const figures = {};
  for (const { name, seconds, samples, label } of lengths) {
    const times = [];
    for (let i = 0; i < samples; i++) times.push(await recordOnce(seconds));
    log(
      `${label ?? name}: ${samples} recordings, p50 ${round(percentile(times, 50))} ms, p95 ${round(percentile(times, 95))} ms`,
    );
    figures[`link_p50_ms_${name}`] = round(percentile(times, 50));
    figures[`link_p95_ms_${name}`] = round(percentile(times, 95));
  }
  printFigures('media-link', {
    ...figures,
    chunk_bytes: CHUNK_BYTES,
    quick,
    notes:
      'Time from the stop sequence (POST /stop + final PATCH with Upload-Length, together) to GET /api/share/<token> answering; tus with deferred length fed 2 s chunks of a 1.5 Mb/s recording. In --quick the 5min and 30min keys hold 1 min and 5 min recordings. Target p95 < 300 ms, flat with length.',
  });
});
