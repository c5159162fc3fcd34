// `npm run bench` runs every benchmark in bench/; `npm run bench -- <name> [...] [--quick]` runs
// the named ones. Each is bench/<name>.bench.mjs in its own process; its stderr (progress) is
// shown as it runs and its stdout is passed through, so each benchmark's JSON line comes out.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.slice(0, -'.bench.mjs'.length))
  .sort();

const args = process.argv.slice(2);
// A word right after a flag is that flag's value (`--db postgres`) unless it names a benchmark.
const isFlag = (a, i) =>
  a.startsWith('-') ||
  (i > 0 && args[i - 1].startsWith('-') && !args[i - 1].includes('=') && !available.includes(a));
const flags = args.filter(isFlag);
const names = args.filter((a, i) => !isFlag(a, i));
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

/** Runs one benchmark; resolves to its JSON figures, or null when it failed. */
function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.error(`\n=== bench ${name} ${flags.join(' ')}`);
    const child = spawn(process.execPath, [path.join(benchDir, `${name}.bench.mjs`), ...flags], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const last = out.trim().split('\n').at(-1) ?? '';
      let figures = null;
      try {
        figures = JSON.parse(last);
      } catch {
        // reported below
      }
      if (code !== 0 || figures?.bench !== name) {
        console.error(
          `=== bench ${name} FAILED after ${seconds} s (exit ${code ?? signal}; last stdout line must be its JSON)`,
        );
        resolve(null);
        return;
      }
      console.error(`=== bench ${name} done in ${seconds} s`);
      resolve(figures);
    });
  });
}

let failed = 0;
for (const name of names.length > 0 ? names : available) {
  if ((await runOne(name)) === null) failed++;
}
process.exit(failed > 0 ? 1 : 0);
