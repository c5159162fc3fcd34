import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegMediaTool } from '../../../adapters/media-tool/ffmpeg-media-tool';
import { type FinalizeFileOptions, finalizeFile } from './finalize-file';
import { audioFile, hasCues, hevcMp4, recordingWebm, writeFile } from './fixtures.test-helper';
import { MediaProcessingError } from './processing-error';
import { writePreview } from './steps';

const tool = ffmpegMediaTool({ ffmpegPath: null, ffprobePath: null, probeTimeoutMs: 10_000 });
const options: FinalizeFileOptions = { timeoutMs: 60_000, probeTimeoutMs: 10_000, maxDurationMs: null };
let dir: string;
let n = 0;
const work = () => path.join(dir, `out-${++n}`);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-finalize-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('finalizeFile', () => {
  it('remuxes a MediaRecorder WebM without re-encoding: it gains a duration and cues', async () => {
    const input = recordingWebm(dir);
    expect(hasCues(input)).toBe(false);
    const result = await finalizeFile(tool, input, work(), options);
    expect(result.plan).toMatchObject({
      container: 'webm',
      video: 'copy',
      audio: 'copy',
      mimeType: 'video/webm',
    });
    expect(hasCues(result.rendition)).toBe(true);
    const probed = await tool.probe(result.rendition);
    expect(Math.abs(Number(probed.format.duration) - 2)).toBeLessThan(0.3);
    expect(Math.abs((result.durationMs ?? 0) - 2000)).toBeLessThan(300);
    expect(result).toMatchObject({ width: 320, height: 240 });
    expect(result.sizeBytes).toBe(fs.statSync(result.rendition).size);
    expect(fs.readFileSync(result.poster as string).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // The animated preview is the follow-up job's: made from the rendition, a looping WebP.
    const preview = path.join(dir, `preview-${n}.webp`);
    const source = { format: 'matroska', video: '0:v:0', posterAtS: 0 };
    expect(await writePreview(tool, result.rendition, source, preview, { timeoutMs: 30_000 })).toBe(true);
    const webp = fs.readFileSync(preview);
    expect(webp.subarray(8, 12).toString()).toBe('WEBP');
    expect(webp.includes(Buffer.from('ANIM'))).toBe(true);
    expect(result.waveform).toBeNull();
  });

  it('transcodes HEVC to H.264/AAC MP4 and reports progress', async () => {
    const progress: number[] = [];
    const result = await finalizeFile(tool, hevcMp4(dir), work(), {
      ...options,
      onProgress: (p) => progress.push(p),
    });
    expect(result.plan).toMatchObject({ container: 'mp4', video: 'h264', mimeType: 'video/mp4' });
    const probed = await tool.probe(result.rendition);
    expect(probed.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p >= 0 && p < 100)).toBe(true);
    expect(result.poster).not.toBeNull();
  });

  it.each([
    ['m4a', 'audio/mp4', 'copy'],
    ['mp3', 'audio/mpeg', 'copy'],
    ['ogg', 'audio/webm', 'copy'],
    ['wav', 'audio/mp4', 'aac'],
  ] as const)('gives %s audio a waveform and a playable rendition', async (ext, mimeType, audio) => {
    const result = await finalizeFile(tool, audioFile(dir, ext), work(), options);
    expect(result.plan).toMatchObject({ mimeType, audio, video: null });
    expect(result.waveform).toHaveLength(200);
    expect(Math.max(...(result.waveform ?? []))).toBe(1);
    expect(result.waveform?.every((v) => v >= 0 && v <= 1)).toBe(true);
    // beep_factor makes the sine louder once a second: the peaks are not all the same.
    expect(new Set(result.waveform).size).toBeGreaterThan(1);
    expect(result.poster).toBeNull();
    expect(Math.abs((result.durationMs ?? 0) - 2000)).toBeLessThan(300);
  });
});

describe('finalizeFile refuses bad input with a clear message', () => {
  const refuses = async (input: string, message: RegExp, extra: Partial<FinalizeFileOptions> = {}) => {
    const out = work();
    const error = await finalizeFile(tool, input, out, { ...options, ...extra }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaProcessingError);
    expect((error as Error).message).toMatch(message);
    return out;
  };

  it('a text file renamed .mp4', async () => {
    await refuses(
      writeFile(dir, 'notes.mp4', 'Meeting notes\nnothing to see here\n'),
      /not audio or video.*looks like text/,
    );
  });

  it('a zero-byte file', async () => {
    await refuses(writeFile(dir, 'empty.webm', ''), /empty \(0 bytes\)/);
  });

  it('a truncated mp4', async () => {
    const whole = fs.readFileSync(hevcMp4(dir));
    await refuses(
      writeFile(dir, 'cut.mp4', whole.subarray(0, Math.floor(whole.length / 2))),
      /damaged or incomplete.*moov atom not found/,
    );
  });

  it('an image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await refuses(writeFile(dir, 'pic.mp4', Buffer.concat([png, Buffer.alloc(64, 1)])), /not audio or video/);
  });

  it.each([
    ['a local file', 'recording.webm'],
    ['a URL', 'http://127.0.0.1:9/secret.ts'],
  ])('an HLS playlist pointing at %s, without ffmpeg reading it', async (_, target) => {
    const playlist = `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n${target}\n#EXT-X-ENDLIST\n`;
    const out = await refuses(writeFile(dir, 'x.m3u8', playlist), /not audio or video.*HLS playlist/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('an HLS playlist hidden after binary junk is still refused by ffmpeg itself', async () => {
    // ffmpeg's own whitelist is the second line of defence when our sniffing does not see text.
    const error = await tool
      .probe(
        writeFile(dir, 'y.m3u8', `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n${dir}/recording.webm\n`),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ failure: 'format_refused', formatName: 'hls' });
  });

  it('a recording over the workspace limit', async () => {
    await refuses(recordingWebm(dir), /is 0:02 long; this workspace accepts at most 0:01/, {
      maxDurationMs: 1000,
    });
  });

  it('a probe that hangs is stopped at its time limit', async () => {
    const script = writeFile(dir, 'hanging-ffprobe.sh', '#!/bin/sh\nsleep 30\n');
    fs.chmodSync(script, 0o755);
    const hanging = ffmpegMediaTool({ ffmpegPath: null, ffprobePath: script, probeTimeoutMs: 300 });
    const started = Date.now();
    const error = await finalizeFile(hanging, recordingWebm(dir), work(), {
      ...options,
      probeTimeoutMs: 300,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MediaProcessingError);
    expect((error as Error).message).toMatch(/took too long.*within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
