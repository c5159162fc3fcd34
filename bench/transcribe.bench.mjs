// Benchmark `transcribe`: a speech corpus made with espeak-ng from bench/corpus/transcribe.txt
// (~5 minutes; --quick: the first three paragraphs, ~1 minute) transcribed by the Tidings pipeline (the
// pocketsphinx adapter behind ctx.stt, run over overlapping windows by transcribeWindows() from
// features/transcripts, the transcription job minus its database writes) and by the raw
// `pocketsphinx_continuous -time yes` CLI on the same 16 kHz mono WAV in the same run.
//
//   npm run bench -- transcribe [--quick]
//
// Figures: x_realtime / ref_x_realtime (audio seconds ÷ wall seconds; higher is faster),
// ratio_x_realtime = ref_x_realtime ÷ x_realtime (the pipeline's time overhead; target <= 1.15),
// wer / ref_wer (word error rate in %, scored by NIST sclite from the Debian `sctk` package; the
// pipeline must not be worse), peak_rss_mb / ref_peak_rss_mb (this process plus its engine
// processes, sampled every 50 ms), audio_s and words. Both run under `nice -n 10`, as the
// engine does in production. Making the corpus is not measured; it is cached in the temp dir.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';

const { quick } = benchArgs();
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const BINARY = 'pocketsphinx_continuous';

register();
const { pocketsphinxEngine, parsePocketsphinxTimes } = await import(
  path.join(repoRoot, 'apps/server/src/adapters/speech/pocketsphinx.ts')
);
const { transcribeWindows } = await import(
  path.join(repoRoot, 'apps/server/src/features/transcripts/transcribe-windows.ts')
);

const paragraphs = fs
  .readFileSync(path.join(here, 'corpus/transcribe.txt'), 'utf8')
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);
const text = (quick ? paragraphs.slice(0, 3) : paragraphs).join('\n\n');

/** Lower case words only: what both transcripts and the reference are compared on. */
const normalise = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function makeCorpus(dir) {
  // Cached per text and voice, so editing the corpus makes a new one.
  const key = createHash('sha256').update(`en-us 150 bitexact ${text}`).digest('hex').slice(0, 12);
  const wav = path.join(dir, `corpus-${key}.wav`);
  if (fs.existsSync(wav)) return wav;
  const raw = path.join(dir, 'corpus.raw.wav');
  const textFile = path.join(dir, 'corpus.txt');
  fs.writeFileSync(textFile, text);
  log('making the speech corpus with espeak-ng');
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-f', textFile, '-w', raw]);
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-i',
    raw,
    '-ar',
    '16000',
    '-ac',
    '1',
    '-c:a',
    'pcm_s16le',
    // A plain 44-byte header: pocketsphinx_continuous skips exactly 44 bytes of a WAV, so the
    // LIST/INFO chunk ffmpeg adds by default would reach the raw engine as audio (the pipeline
    // writes its own window files with a plain header) and the two would not hear the same thing.
    '-bitexact',
    '-map_metadata',
    '-1',
    wav,
  ]);
  fs.rmSync(raw);
  return wav;
}

const wavSeconds = (wav) => (fs.statSync(wav).size - 44) / 32000;

/** VmRSS of a pid in MiB, or 0 once it is gone. */
function rss(pid) {
  try {
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Direct children of this process (the engine runs as one, `nice` exec-ing into it). */
function childPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Runs `fn` while sampling this process + its children's RSS; returns wall seconds and peak MiB. */
async function measured(fn) {
  let peak = 0;
  const sample = () => {
    const total = rss(process.pid) + childPids().reduce((sum, pid) => sum + rss(pid), 0);
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 50);
  const started = process.hrtime.bigint();
  try {
    const result = await fn();
    return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

function rawCli(wav) {
  return new Promise((resolve, reject) => {
    const child = spawn('nice', ['-n', '10', BINARY, '-infile', wav, '-time', 'yes', '-logfn', '/dev/null'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${BINARY} exited ${code}`))));
  });
}

/** Word error rate in % by NIST sclite, one utterance per transcript. */
function sclite(dir, name, ref, hyp) {
  const refFile = path.join(dir, `${name}.ref.trn`);
  const hypFile = path.join(dir, `${name}.hyp.trn`);
  fs.writeFileSync(refFile, `${ref} (corpus_1)\n`);
  fs.writeFileSync(hypFile, `${hyp} (corpus_1)\n`);
  const out = execFileSync(
    'sctk',
    ['sclite', '-r', refFile, 'trn', '-h', hypFile, 'trn', '-i', 'rm', '-o', 'sum', 'stdout'],
    {
      encoding: 'utf8',
    },
  );
  const line = out.split('\n').find((l) => l.includes('Sum/Avg'));
  const cols = line?.split('|')[3]?.trim().split(/\s+/).map(Number);
  const err = cols?.[4];
  if (!Number.isFinite(err)) throw new Error(`could not read sclite's summary:\n${out}`);
  return err;
}

await runBench(async (onCleanup) => {
  const dir = path.join(os.tmpdir(), 'tidings-bench-transcribe');
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, 'run-'));
  onCleanup(() => fs.rmSync(work, { recursive: true, force: true }));
  const wav = makeCorpus(dir);
  const audioS = wavSeconds(wav);
  log(`corpus: ${round(audioS, 1)} s of speech, ${normalise(text).split(' ').length} words`);

  log(`raw ${BINARY}…`);
  const ref = await measured(() => rawCli(wav));
  const refWords = parsePocketsphinxTimes(ref.result).map((w) => w.text);

  log('Tidings pipeline (adapter + windows)…');
  const engine = pocketsphinxEngine({ binary: BINARY, timeoutMs: 600_000 });
  const ours = await measured(() =>
    transcribeWindows(engine, wav, path.join(work, 'window.wav'), { language: 'en', timeoutMs: 600_000 }),
  );
  const ourWords = ours.result.words.map((w) => w.text);

  const reference = normalise(text);
  const x = audioS / ours.seconds;
  const refX = audioS / ref.seconds;
  printFigures('transcribe', {
    x_realtime: round(x),
    ref_x_realtime: round(refX),
    ratio_x_realtime: round(refX / x, 3),
    wer: sclite(work, 'pipeline', reference, normalise(ourWords.join(' '))),
    ref_wer: sclite(work, 'raw', reference, normalise(refWords.join(' '))),
    peak_rss_mb: round(ours.peakMb, 1),
    ref_peak_rss_mb: round(ref.peakMb, 1),
    audio_s: round(audioS, 1),
    words: ourWords.length,
    ref_words: refWords.length,
    notes:
      'x_realtime higher is faster; ratio_x_realtime = pipeline time ÷ raw CLI time (target <= 1.15); wer in % by sclite, lower is better (pipeline must be <= ref_wer).',
  });
});
