import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaTool } from '../../adapters/media-tool/media-tool';

export interface SilenceSpan {
  startMs: number;
  endMs: number;
}

/**
 * Silences of at least 0.5 s under -35 dB, found by ffmpeg's silencedetect. ffmpeg runs at
 * log level `error`, so the filter's findings are printed by `ametadata` into a file we read.
 */
export async function detectSilences(
  tool: MediaTool,
  wavFile: string,
  durationMs: number,
  workDir: string,
  timeoutMs: number,
): Promise<SilenceSpan[]> {
  const report = path.join(workDir, 'silences.txt');
  await tool.ffmpeg({
    input: wavFile,
    outputArgs: [
      '-af',
      `silencedetect=noise=-35dB:d=0.5,ametadata=mode=print:file=${report}`,
      '-f',
      'null',
      '-',
    ],
    timeoutMs,
  });
  const text = await fs.readFile(report, 'utf8').catch(() => '');
  return parseSilences(text, durationMs);
}

/** `lavfi.silence_start=1.2` … `lavfi.silence_end=3.4` pairs; an open silence runs to the end. */
export function parseSilences(report: string, durationMs: number): SilenceSpan[] {
  const spans: SilenceSpan[] = [];
  let start: number | null = null;
  for (const line of report.split('\n')) {
    const match = /^lavfi\.silence_(start|end)=(-?[\d.]+)/.exec(line.trim());
    if (!match) continue;
    const ms = Math.max(0, Math.round(Number(match[2]) * 1000));
    if (match[1] === 'start') start = ms;
    else if (start !== null) {
      if (ms > start) spans.push({ startMs: start, endMs: Math.min(ms, durationMs) });
      start = null;
    }
  }
  if (start !== null && durationMs - start >= 500) spans.push({ startMs: start, endMs: durationMs });
  return spans;
}
