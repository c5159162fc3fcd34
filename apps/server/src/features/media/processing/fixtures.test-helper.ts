import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Tiny media made with ffmpeg's lavfi sources in a temp dir, so tests depend on nothing outside
 * the repo. Two seconds, 320×240 at 15 fps: cheap on a shared 2-core machine.
 */
const VIDEO = [
  '-f',
  'lavfi',
  '-i',
  'testsrc=size=320x240:rate=15',
  '-f',
  'lavfi',
  '-i',
  'sine=frequency=440',
];
const AUDIO = ['-f', 'lavfi', '-i', 'sine=frequency=440:beep_factor=4'];

export function ffmpegSync(args: string[]): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A WebM as MediaRecorder makes it: VP8/Opus streamed to a pipe, so no duration and no cues. */
export function recordingWebm(dir: string, seconds = 2): string {
  const file = path.join(dir, 'recording.webm');
  const data = ffmpegSync([
    ...VIDEO,
    '-t',
    String(seconds),
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-c:a',
    'libopus',
    '-f',
    'webm',
    'pipe:1',
  ]);
  fs.writeFileSync(file, data);
  return file;
}

/** HEVC in MP4, what an iPhone uploads; browsers other than Safari cannot play it. */
export function hevcMp4(dir: string): string {
  const file = path.join(dir, 'iphone.mp4');
  ffmpegSync([
    ...VIDEO,
    '-t',
    '2',
    '-c:v',
    'libx265',
    '-preset',
    'ultrafast',
    '-x265-params',
    'log-level=error',
    '-pix_fmt',
    'yuv420p',
    '-tag:v',
    'hvc1',
    '-c:a',
    'aac',
    file,
  ]);
  return file;
}

export function audioFile(dir: string, ext: 'm4a' | 'mp3' | 'ogg' | 'wav'): string {
  const file = path.join(dir, `voice.${ext}`);
  ffmpegSync([...AUDIO, '-t', '2', file]);
  return file;
}

/**
 * Speech as a phone or browser sends it: espeak-ng says `words` after a second of silence, in
 * Opus/Ogg (a browser voice note) or AAC/M4A (a phone's voice memo).
 */
export function spokenAudio(dir: string, words: string, format: 'ogg' | 'm4a'): Buffer {
  const wav = path.join(dir, `speech-${format}.wav`);
  const file = path.join(dir, `spoken.${format}`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', wav, words]);
  const codec = format === 'ogg' ? ['-c:a', 'libopus'] : ['-c:a', 'aac', '-b:a', '64k'];
  ffmpegSync([
    ...['-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-i', wav],
    ...['-filter_complex', '[0]atrim=0:1[s];[s][1]concat=n=2:v=0:a=1', ...codec, file],
  ]);
  return fs.readFileSync(file);
}

/** Writes `data` as `name` in `dir` and returns the path. */
export function writeFile(dir: string, name: string, data: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** The WebM Cues element id: present when a player can seek without reading the whole file. */
export const hasCues = (file: string) =>
  fs.readFileSync(file).includes(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]));
