import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** `<WXT_OUT_DIR or .output>/chrome-mv3`, as wxt.config.ts resolves it. */
export function extensionDir(root: string): string {
  const out = process.env.WXT_OUT_DIR;
  const base = out ? (isAbsolute(out) ? out : resolve(root, out)) : join(root, '.output');
  return join(base, 'chrome-mv3');
}

/** Build the Chromium extension once when it is missing (a present build is used as it is). */
export function ensureBuilt(root: string, log: (m: string) => void): string {
  const dir = extensionDir(root);
  if (existsSync(join(dir, 'manifest.json')) && existsSync(join(dir, 'content-scripts', 'tap.js'))) return dir;
  log(`no build at ${dir}: running npx wxt build`);
  // stdout of the build goes to stderr so that stdout carries only the table.
  execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], env: process.env });
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build did not produce ${dir}`);
  return dir;
}
