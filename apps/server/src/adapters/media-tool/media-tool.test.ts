import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBinary } from './binaries';
import { ffmpegMediaTool } from './ffmpeg-media-tool';
import { MediaToolError } from './media-tool';
import { runProcess } from './run-process';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-media-tool-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const failureOf = (running: Promise<unknown>) =>
  running.then(
    () => null,
    (e: unknown) => e as MediaToolError,
  );

describe('choosing the binaries', () => {
  it('takes the setting first, then the system PATH', () => {
    expect(chooseBinary('ffmpeg', '/opt/ffmpeg/bin/ffmpeg')).toEqual({
      path: '/opt/ffmpeg/bin/ffmpeg',
      source: 'setting',
    });
    expect(chooseBinary('ffprobe', null)).toMatchObject({
      source: 'system',
      path: expect.stringMatching(/ffprobe$/),
    });
  });

  it('falls back to the binaries shipped in npm packages, and they run', () => {
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      for (const name of ['ffmpeg', 'ffprobe'] as const) {
        const choice = chooseBinary(name, null);
        expect(choice).toMatchObject({ source: 'npm', path: expect.stringContaining('installer') });
        expect(execFileSync(choice.path, ['-version']).toString()).toContain(`${name} version`);
      }
    } finally {
      process.env.PATH = saved;
    }
  });

  it('reports a binary that cannot be started as unavailable', async () => {
    const tool = ffmpegMediaTool({
      ffmpegPath: null,
      ffprobePath: path.join(dir, 'missing'),
      probeTimeoutMs: 5000,
    });
    const error = await failureOf(tool.probe(path.join(dir, 'x.webm')));
    expect(error).toMatchObject({ failure: 'unavailable' });
  });
});

describe('running confined', () => {
  it('kills the whole process group at the time limit', async () => {
    const script = path.join(dir, 'forks.sh');
    // The shell waits on a child: killing only the shell would leave the sleep running.
    fs.writeFileSync(script, '#!/bin/sh\nsleep 30 &\nwait\n');
    fs.chmodSync(script, 0o755);
    const started = Date.now();
    const error = await failureOf(runProcess(script, [], { timeoutMs: 200, wrapper: ['nice', '-n', '10'] }));
    expect(error).toBeInstanceOf(MediaToolError);
    expect(error).toMatchObject({ failure: 'timeout', message: 'forks.sh did not finish within 0.2 s' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses concat lists and playlists through the container whitelist', async () => {
    const tool = ffmpegMediaTool({ ffmpegPath: null, ffprobePath: null, probeTimeoutMs: 10_000 });
    const target = path.join(dir, 'secret.wav');
    fs.writeFileSync(target, 'not read');
    const list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, `ffconcat version 1.0\nfile ${target}\n`);
    expect(await failureOf(tool.probe(list))).toMatchObject({
      failure: 'format_refused',
      formatName: 'concat',
    });
    const out = path.join(dir, 'out.wav');
    const error = await failureOf(
      tool.ffmpeg({ input: list, outputArgs: ['-c', 'copy', out], timeoutMs: 10_000 }),
    );
    expect(error).toMatchObject({ failure: 'format_refused' });
    expect(fs.existsSync(out)).toBe(false);
  });
});
