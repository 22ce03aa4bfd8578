/** Locating a Chromium that honours --load-extension, and the flags that point it at the sandbox. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_HOSTS } from './tls.ts';

export const INSTALL_HINT =
  'No Chromium found. Install it with `sudo apt-get install chromium` (Debian/Ubuntu; `chromium-browser` on some Ubuntu releases), ' +
  'or point CHROMIUM_PATH at a Chromium/Chrome-for-Testing binary. Note: branded Google Chrome 137+ ignores --load-extension, ' +
  'so it cannot be used to load the unpacked extension.';

function onPath(name: string): string | undefined {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

function playwrightChromium(): string | undefined {
  const root = join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return undefined;
  const dirs = readdirSync(root)
    .filter((d) => /^chromium-\d+$/.test(d))
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
  for (const d of dirs) {
    for (const sub of ['chrome-linux/chrome', 'chrome-linux64/chrome']) {
      const p = join(root, d, sub);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

export function findChromium(): { path: string } | { error: string } {
  for (const env of ['CHROMIUM_PATH', 'CHROME_PATH'] as const) {
    const p = process.env[env];
    if (p) return existsSync(p) ? { path: p } : { error: `${env}=${p} does not exist. ${INSTALL_HINT}` };
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return { path: p };
  const fromPath = onPath('chromium') ?? onPath('chromium-browser');
  if (fromPath) return { path: fromPath };
  const pw = playwrightChromium();
  if (pw) return { path: pw };
  return { error: INSTALL_HINT };
}

export function hostResolverRules(port: number): string {
  return SANDBOX_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
}

export interface ChromiumArgsOptions {
  readonly port: number;
  readonly spkiHash: string;
  readonly extensionDir?: string;
}

/**
 * Flags verified with Debian Chromium 156 (headless=new via playwright-core): `MAP host 127.0.0.1:<port>`
 * does rewrite the port, so the sandbox can listen on any unprivileged port. The SPKI allow-list is only
 * honoured together with a non-default --user-data-dir (Playwright always passes one).
 */
export function chromiumArgs(opts: ChromiumArgsOptions): string[] {
  const args = [
    `--host-resolver-rules=${hostResolverRules(opts.port)}`,
    `--ignore-certificate-errors-spki-list=${opts.spkiHash}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  if (opts.extensionDir) args.push(`--disable-extensions-except=${opts.extensionDir}`, `--load-extension=${opts.extensionDir}`);
  return args;
}
