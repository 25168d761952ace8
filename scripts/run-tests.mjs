// The whole test suite: lint, dependency rules, type-check, then vitest on the real stores.
// Ends with one `N passed, N failed, N skipped` line that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = {
  ...process.env,
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
};

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

const extra = process.argv.slice(2);
let failedChecks = 0;
if (extra.length === 0) {
  failedChecks += step('lint (biome)', bin('biome'), ['check', '.']) === 0 ? 0 : 1;
  failedChecks +=
    step('dependency rules', bin('depcruise'), [
      '--config',
      '.dependency-cruiser.cjs',
      'apps',
      'packages',
    ]) === 0
      ? 0
      : 1;
  failedChecks +=
    step('type-check', bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only']) === 0 ? 0 : 1;
}

ensureChromium();
const outDir = mkdtempSync(path.join(tmpdir(), 'sendops-vitest-'));
const report = path.join(outDir, 'report.json');
const status = step('tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
} catch {
  failed += 1;
}
rmSync(outDir, { recursive: true, force: true });
if (failedChecks > 0) console.log(`\n${failedChecks} static check(s) failed (see above)`);
if (status !== 0 && failed === 0) failed = 1;
failed += failedChecks;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
