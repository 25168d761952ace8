#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run sendops`. Runs on whatever Node is on PATH
// (so plain JavaScript, no dependencies): installs the workspace when the lockfile changed, then runs the
// real command on Node >= 22, using the `node` package from the npm registry when the machine's is older.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'node_modules', '.bin');
const MIN_NODE_MAJOR = 22;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` },
    ...options,
  });
  if (result.error) throw result.error;
  return result.status ?? (result.signal ? 128 : 1);
}

function ensureInstalled() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.sendops-install-stamp');
  const wanted = existsSync(lock)
    ? createHash('sha256')
        .update(readFileSync(lock))
        .update(readFileSync(path.join(root, 'package.json')))
        .digest('hex')
    : 'no-lockfile';
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  console.error('[sendops] installing dependencies...');
  // `npm install --no-save` installs the locked versions without rewriting the lockfile. Not `npm ci`:
  // npm 11 leaves other platforms' optional binaries (biome, turbo) out of the lockfile it writes and then
  // refuses that same lockfile in `npm ci`.
  const status = run('npm', ['install', '--no-save', '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (status !== 0) process.exit(status);
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, wanted);
}

function modernNode() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_NODE_MAJOR) return process.execPath;
  const local = path.join(binDir, 'node');
  if (!existsSync(local)) {
    console.error(
      `[sendops] Node ${process.versions.node} is too old and node_modules/.bin/node is missing.`,
    );
    process.exit(1);
  }
  return local;
}

const [command = 'start', ...args] = process.argv.slice(2);
ensureInstalled();
const node = modernNode();
const cli = path.join(root, 'apps', 'launcher', 'bin', 'sendops.mjs');

switch (command) {
  case 'start':
    process.exit(run(node, [cli, 'start', ...args]));
    break;
  case 'sendops':
    process.exit(run(node, [cli, ...args]));
    break;
  case 'test':
    process.exit(run(node, [path.join(root, 'scripts', 'run-tests.mjs'), ...args]));
    break;
  default:
    console.error(`[sendops] unknown bootstrap command: ${command}`);
    process.exit(2);
}
