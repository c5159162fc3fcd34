// Fails when a source file grows past the limit: big files are where newcomers get lost.
// Tests and migrations are exempt; split anything else along its responsibilities.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 400;
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs)$/.test(f))
  .filter((f) => !/(\.test\.|\.spec\.|\.d\.ts$|\/migrations\/)/.test(f));

const oversized = [];
for (const file of files) {
  let lines;
  try {
    lines = readFileSync(file, 'utf8').split('\n').length;
  } catch {
    continue; // deleted in the working tree but still in the index
  }
  if (lines > LIMIT) oversized.push(`${file}: ${lines} lines (limit ${LIMIT})`);
}
if (oversized.length > 0) {
  console.error(
    `Source files over ${LIMIT} lines; split them along their responsibilities:\n  ${oversized.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`file size: ${files.length} source files within ${LIMIT} lines`);
