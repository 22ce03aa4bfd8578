/**
 * Checks on the built extension (issue #7): the manifest against an explicit allowlist, and the
 * bundle for dynamic code (eval, Function, string timers) and remote scripts. Pure functions over
 * a manifest object / file texts, so the unit tests can show each check fails on a bad input;
 * tests/e2e/security.e2e.ts runs them over the real build output (after `npm run build:all`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

type Browser = 'chrome' | 'firefox';

/** Console hosts the extension reads (architecture §1: the consoles and the mtop gateway they call). */
export const HOST_ALLOWLIST = [
  'https://sycm.taobao.com/*',
  'https://myseller.taobao.com/*',
  'https://one.alimama.com/*',
  'https://subway.simba.taobao.com/*',
  'https://tuijian.taobao.com/*',
  // The mtop gateway 千牛 and some 生意参谋 pages call (README "Page families captured").
  'https://h5api.m.taobao.com/*',
  'https://trade.taobao.com/*',
];

/** Group-robot hosts, asked for only when the operator turns a webhook on (optional only). */
export const OPTIONAL_HOST_ALLOWLIST = ['https://oapi.dingtalk.com/*', 'https://open.feishu.cn/*', 'https://qyapi.weixin.qq.com/*'];

export const PERMISSION_ALLOWLIST: Record<Browser, readonly string[]> = {
  // storage: settings; unlimitedStorage: a year of facts; alarms: the daily 日报 / retention check;
  // sidePanel: the diagnostics panel (Chromium only).
  chrome: ['storage', 'unlimitedStorage', 'alarms', 'sidePanel'],
  firefox: ['storage', 'unlimitedStorage', 'alarms'],
};
/** The digest is opt-in: notifications are asked for when the operator turns it on. */
export const OPTIONAL_PERMISSION_ALLOWLIST = ['notifications'];

/** Content scripts run on the console pages only (h5api is an API host, never a page). */
export const CONTENT_MATCH_ALLOWLIST = HOST_ALLOWLIST.filter((h) => !h.includes('h5api'));

const BROAD = /<all_urls>|^\*:|:\/\/\*\/|^http:|^file:|^ftp:|:\/\/\*\./;

interface ManifestLike {
  manifest_version?: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[]; exclude_matches?: string[]; world?: string }[];
  web_accessible_resources?: unknown[];
  externally_connectable?: unknown;
  content_security_policy?: unknown;
  background?: { service_worker?: string; scripts?: string[]; page?: string };
  [k: string]: unknown;
}

/** Problems with a built manifest; empty = within the allowlist. */
export function manifestProblems(m: ManifestLike, browser: Browser): string[] {
  const out: string[] = [];
  const outside = (what: string, got: unknown, allowed: readonly string[]) => {
    if (got === undefined) return;
    if (!Array.isArray(got)) {
      out.push(`${what}: not a list`);
      return;
    }
    for (const g of got) {
      if (typeof g !== 'string' || !allowed.includes(g)) out.push(`${what}: "${String(g)}" is not on the allowlist`);
      else if (BROAD.test(g)) out.push(`${what}: "${g}" is too broad`);
    }
  };
  if (m.manifest_version !== 3) out.push(`manifest_version ${String(m.manifest_version)} (MV3 expected)`);
  outside('permissions', m.permissions ?? [], PERMISSION_ALLOWLIST[browser]);
  outside('optional_permissions', m.optional_permissions, OPTIONAL_PERMISSION_ALLOWLIST);
  outside('host_permissions', m.host_permissions ?? [], HOST_ALLOWLIST);
  outside('optional_host_permissions', m.optional_host_permissions, OPTIONAL_HOST_ALLOWLIST);
  // A webhook host must never be a required permission (checked above: not on HOST_ALLOWLIST).
  const scripts = m.content_scripts ?? [];
  scripts.forEach((cs, i) => {
    if (!Array.isArray(cs.matches) || cs.matches.length === 0) out.push(`content_scripts[${i}]: no matches`);
    outside(`content_scripts[${i}].matches`, cs.matches ?? [], CONTENT_MATCH_ALLOWLIST);
    if (cs.world !== undefined && cs.world !== 'MAIN' && cs.world !== 'ISOLATED') out.push(`content_scripts[${i}]: unknown world ${cs.world}`);
  });
  if (m.web_accessible_resources !== undefined && (!Array.isArray(m.web_accessible_resources) || m.web_accessible_resources.length > 0)) {
    out.push('web_accessible_resources: none allowed (pages could fingerprint or frame our files)');
  }
  if (m.externally_connectable !== undefined) out.push('externally_connectable: not allowed (web pages and other extensions must not message us)');
  if (m.content_security_policy !== undefined) {
    const csp = JSON.stringify(m.content_security_policy);
    if (/unsafe-eval|unsafe-inline|https?:|\*/.test(csp)) out.push(`content_security_policy weakened: ${csp}`);
  }
  for (const k of ['key', 'update_url', 'oauth2', 'declarative_net_request', 'chrome_url_overrides', 'devtools_page', 'sandbox']) {
    if (m[k] !== undefined) out.push(`${k}: not expected`);
  }
  return out;
}

export interface CodeHit {
  file: string;
  rule: string;
  excerpt: string;
}

/** Dynamic code and remote scripts. Each rule: a pattern over minified code. */
export const CODE_RULES: { id: string; re: RegExp }[] = [
  { id: 'eval', re: /(?<![\w$])eval\s*\(/g },
  { id: 'new Function', re: /new\s+Function\s*\(/g },
  { id: 'Function(', re: /(?<![\w$.])(?<!new\s+)Function\s*\(/g },
  // `let e=Function,… new e(…)`: the constructor taken as a value, called later under another name.
  { id: 'Function as a value', re: /[=,(:?]\s*Function\s*[,;)}]/g },
  { id: 'string timer', re: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g },
  { id: 'importScripts', re: /\bimportScripts\s*\(/g },
  { id: 'import(url)', re: /\bimport\s*\(\s*["'`](?:https?:)?\/\//g },
  { id: 'remote script url', re: /["'`]https?:\/\/[^"'`\s]+\.m?js(?:\?[^"'`\s]*)?["'`]/g },
  { id: 'script src=http', re: /<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//gi },
  { id: 'script.src = http', re: /\.src\s*=\s*["'`](?:https?:)?\/\//g },
];

/**
 * Known benign hits, each matched by its exact surrounding code. Both come from zod 4 (the
 * schemas' JIT): a feature test `try { Function('') }` and `Doc.compile` holding `Function` to
 * build a parser. Neither runs in the background or the content script: their first import is
 * lib/zod-jitless.ts (`config({ jitless: true })`), so zod skips the probe; in the extension pages
 * MV3's CSP (no 'unsafe-eval') makes the probe fail and zod stays on its plain parser.
 */
export const BENIGN: { rule: string; context: RegExp; why: string }[] = [
  { rule: 'Function(', context: /jitless[\s\S]{0,200}try\{return Function\(``\),!0\}catch\{return!1\}/, why: 'zod 4 allowsEval feature test (skipped with jitless)' },
  { rule: 'Function as a value', context: /compile\(\)\{let [\w$]+=Function,/, why: 'zod 4 Doc.compile (only reached when allowsEval is true)' },
];

export function scanCode(file: string, text: string): CodeHit[] {
  const hits: CodeHit[] = [];
  for (const { id, re } of CODE_RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const from = Math.max(0, m.index - 240);
      const ctx = text.slice(from, m.index + m[0].length + 60);
      const benign = BENIGN.some((b) => b.rule === id && b.context.test(ctx));
      if (!benign) hits.push({ file, rule: id, excerpt: text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 40) });
    }
  }
  return hits;
}

export function listFiles(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** Every .js / .mjs / .html file of a built extension directory, scanned. */
export function scanBuild(dir: string): { files: number; hits: CodeHit[] } {
  const files = listFiles(dir, ['.js', '.mjs', '.html']);
  const hits: CodeHit[] = [];
  for (const f of files) hits.push(...scanCode(relative(dir, f), readFileSync(f, 'utf8')));
  return { files: files.length, hits };
}
