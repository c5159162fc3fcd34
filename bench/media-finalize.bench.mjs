// Benchmark `media-finalize`: how long our finalize steps take on a 10-minute 720p WebM recording
// (VP8/Opus streamed to a pipe like MediaRecorder's, so no duration and no cues), next to plain
// `ffmpeg -i in.webm -c copy out.webm` on the same file in the same run.
//
//   npm run bench -- media-finalize [--quick]      (--quick: a 1-minute recording)
//
// Figures: finalize_s (sniff, probe, remux and poster: finalizeFile() from
// features/media/processing, the job minus its database writes: what stands between "uploaded"
// and "ready to play"), ref_finalize_s (the plain remux),
// ratio_finalize_s = the median of paired ours/reference ratios (above 1 = slower than the
// reference), over `runs` pairs run in alternating order; cpu_s and ref_cpu_s, the CPU time of
// the ffmpeg/ffprobe processes (ours overlap probe, remux and pictures on separate cores, so on a
// saturated machine the wall-clock ratio tends to cpu_s / ref_cpu_s); preview_s, the follow-up
// job's animated preview made from the rendition after the media is ready (not in the ratio: the
// recording already plays); input_mb and duration_s.
// Generating the recording is not measured; it is cached in the temp dir between runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { benchArgs, log, printFigures, round, runBench } from './lib/cli.mjs';

const { quick } = benchArgs();
const seconds = quick ? 60 : 600;
const runs = quick ? 3 : 5;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

register();
const { ffmpegMediaTool } = await import(
  path.join(repoRoot, 'apps/server/src/adapters/media-tool/ffmpeg-media-tool.ts')
);
const { finalizeFile } = await import(
  path.join(repoRoot, 'apps/server/src/features/media/processing/finalize-file.ts')
);
const { writePreview } = await import(
  path.join(repoRoot, 'apps/server/src/features/media/processing/steps.ts')
);

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr = (stderr + c).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${stderr}`)),
    );
  });
}

function ffmpegTo(args, outFile) {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
      stdio: ['ignore', fs.openSync(outFile, 'w'), 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

const SEGMENT_S = 20;

/**
 * A recording as the browser makes it: 720p30 VP8 + Opus written to a pipe (no cues, no
 * duration). Encoding 10 minutes of VP8 takes longer than the benchmark itself on two busy
 * cores, so a 20 s segment is encoded once and looped (stream copy, continuous timestamps).
 */
async function recording(cacheDir) {
  const file = path.join(cacheDir, `recording-720p-${seconds}s.webm`);
  if (fs.existsSync(file) && fs.statSync(file).size > 0) return file;
  const segment = path.join(cacheDir, `segment-720p-${SEGMENT_S}s.webm`);
  if (!fs.existsSync(segment)) {
    log(`encoding a ${SEGMENT_S} s 720p VP8/Opus segment (not measured)…`);
    await ffmpegTo(
      [
        ...['-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${SEGMENT_S}`],
        ...['-f', 'lavfi', '-i', `sine=frequency=440:beep_factor=4:duration=${SEGMENT_S}`],
        ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '2M', '-g', '90'],
        ...['-c:a', 'libopus', '-b:a', '64k', '-f', 'webm', 'pipe:1'],
      ],
      `${segment}.part`,
    );
    fs.renameSync(`${segment}.part`, segment);
  }
  log(`looping it to a ${seconds} s recording streamed to a pipe (not measured)…`);
  const loops = Math.ceil(seconds / SEGMENT_S) - 1;
  await ffmpegTo(
    [
      '-stream_loop',
      String(loops),
      '-i',
      segment,
      '-t',
      String(seconds),
      '-c',
      'copy',
      '-f',
      'webm',
      'pipe:1',
    ],
    `${file}.part`,
  );
  fs.renameSync(`${file}.part`, file);
  return file;
}

/** CPU seconds used by this process's finished children (Linux: cutime + cstime, 10 ms ticks). */
function childCpuS() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

await runBench(async (onCleanup) => {
  const cacheDir = path.join(os.tmpdir(), 'tidings-bench-media');
  fs.mkdirSync(cacheDir, { recursive: true });
  const input = await recording(cacheDir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-bench-finalize-'));
  onCleanup(() => fs.rmSync(work, { recursive: true, force: true }));

  const tool = ffmpegMediaTool({ ffmpegPath: null, ffprobePath: null, probeTimeoutMs: 30_000 });
  const { ffmpeg } = tool.describe();
  const ffmpegBin = ffmpeg.replace(/ \(.*\)$/, '');
  log(`ffmpeg: ${ffmpeg}; input ${round(fs.statSync(input).size / 1024 ** 2, 1)} MB, ${runs} runs each`);

  const ours = [];
  const ref = [];
  const oursCpu = [];
  const previews = [];
  const refCpu = [];
  let result = null;
  const timeRef = async (i) => {
    // The reference runs under the same `nice -n 10` as ours, so both get the same CPU share.
    const refOut = path.join(work, `ref-${i}.webm`);
    const started = performance.now();
    const cpu = childCpuS();
    await run('nice', [
      '-n',
      '10',
      ffmpegBin,
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      '-i',
      input,
      '-c',
      'copy',
      refOut,
    ]);
    ref.push((performance.now() - started) / 1000);
    refCpu.push(childCpuS() - cpu);
    fs.rmSync(refOut);
  };
  const timeOurs = async (i) => {
    const started = performance.now();
    const cpu = childCpuS();
    result = await finalizeFile(tool, input, path.join(work, `ours-${i}`), {
      timeoutMs: 30 * 60_000,
      probeTimeoutMs: 30_000,
      maxDurationMs: null,
    });
    ours.push((performance.now() - started) / 1000);
    oursCpu.push(childCpuS() - cpu);
    const previewStarted = performance.now();
    const source = { format: 'matroska', video: '0:v:0', posterAtS: 0 };
    const preview = path.join(work, `ours-${i}`, 'preview.webp');
    if (!(await writePreview(tool, result.rendition, source, preview, { timeoutMs: 60_000 })))
      throw new Error('no preview was made');
    previews.push((performance.now() - previewStarted) / 1000);
    fs.rmSync(path.join(work, `ours-${i}`), { recursive: true, force: true });
  };
  for (let i = 0; i < runs; i++) {
    // Pairs in alternating order, so neither side always gets the warmer cache or the calmer moment.
    if (i % 2 === 0) {
      await timeRef(i);
      await timeOurs(i);
    } else {
      await timeOurs(i);
      await timeRef(i);
    }
    log(`run ${i + 1}: ours ${round(ours.at(-1))} s, reference ${round(ref.at(-1))} s`);
  }
  if (!result?.poster) throw new Error('finalize produced no poster');
  const finalize = median(ours);
  const reference = median(ref);
  printFigures('media-finalize', {
    finalize_s: round(finalize, 3),
    ref_finalize_s: round(reference, 3),
    // Median of the paired ratios: on a shared machine the load drifts between pairs.
    ratio_finalize_s: round(median(ours.map((o, i) => o / ref[i])), 3),
    // CPU time of the ffmpeg/ffprobe processes: what the ratio tends to on a saturated machine.
    cpu_s: round(median(oursCpu), 3),
    ref_cpu_s: round(median(refCpu), 3),
    preview_s: round(median(previews), 3),
    duration_s: round((result.durationMs ?? 0) / 1000, 2),
    input_mb: round(fs.statSync(input).size / 1024 ** 2, 1),
    plan: `${result.plan.container}:${result.plan.video}/${result.plan.audio}`,
    runs,
    notes:
      'times are medians of runs; ratio_finalize_s is the median of paired ours/reference ratios (above 1 = slower than plain `ffmpeg -c copy`; target <= 1.3); preview_s runs after ready, in its own job',
  });
});
