// The browser tests drive Debian's chromium (playwright-core, no bundled browser download). On a fresh
// Debian machine where it is missing, install it when we may (root with apt-get); otherwise the browser
// tests fail and say how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log('[sendops] installing Debian chromium for the browser tests...');
  const apt = (args) =>
    spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!apt(['install', '-y', '--no-install-recommends', 'chromium'])) {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  return existsSync(CHROMIUM);
}
