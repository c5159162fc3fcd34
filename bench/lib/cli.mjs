// What every benchmark shares on the command line: its flags, progress on stderr, and the one
// JSON line of figures that must be the last line of stdout (DESIGN.md §5).
import { parseArgs } from 'node:util';

/** Parses the flags every benchmark accepts; `--quick` picks the size that runs in under a minute. */
export function benchArgs(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false } },
    strict: false,
  });
  return { quick: values.quick === true };
}

/** Progress for the person watching; stderr so stdout stays machine-readable. */
export function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Rounds a figure for the JSON line: enough digits to compare runs, no float noise. */
export function round(value, digits = 2) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Writes the figures as the last line of stdout. */
export function printFigures(bench, figures) {
  process.stdout.write(`${JSON.stringify({ bench, ...figures })}\n`);
}

/**
 * Runs a benchmark's main function, always running its clean-ups (servers, temp dirs) and
 * exiting non-zero with the error on stderr when it fails.
 */
export async function runBench(main) {
  const cleanups = [];
  const onCleanup = (fn) => cleanups.push(fn);
  let code = 0;
  try {
    await main(onCleanup);
  } catch (error) {
    process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
    code = 1;
  }
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      process.stderr.write(`[bench] clean-up failed: ${error?.stack ?? error}\n`);
    }
  }
  process.exit(code);
}
