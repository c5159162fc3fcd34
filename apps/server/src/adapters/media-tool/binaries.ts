import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface BinaryChoice {
  path: string;
  /** Where it came from: the setting, the system's PATH, or the npm package. */
  source: 'setting' | 'system' | 'npm';
}

/**
 * The setting when given; else the system's binary on PATH (the distribution's ffmpeg gets
 * security fixes); else the one shipped inside the npm package, so `npm install` alone works.
 */
export function chooseBinary(name: 'ffmpeg' | 'ffprobe', setting: string | null): BinaryChoice {
  if (setting) return { path: setting, source: 'setting' };
  const system = findOnPath(name);
  if (system) return { path: system, source: 'system' };
  const shipped = fromNpmPackage(name);
  if (shipped) return { path: shipped, source: 'npm' };
  throw new Error(
    `${name} was not found: set ${name.toUpperCase()}_PATH, install your distribution's ffmpeg, or reinstall npm packages`,
  );
}

export function findOnPath(name: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function fromNpmPackage(name: 'ffmpeg' | 'ffprobe'): string | null {
  const pkg = name === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe';
  try {
    const found = (createRequire(import.meta.url)(pkg) as { path: string }).path;
    // npm may skip the package's postinstall `chmod u+x`; the file is ours, so fix it here.
    if (!isExecutable(found)) fs.chmodSync(found, 0o755);
    return found;
  } catch {
    return null;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
