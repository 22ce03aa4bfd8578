/**
 * The conventions of architecture.md §4–§5, checked: everything is registered, tested and
 * named the way the blueprint says, and no adapter's example URL is claimed by another.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, familyForPage, routeFor } from '@/lib/adapters/registry';
import { TAP_URL_FILTER } from '@/lib/capture/tap-filter';
import { METRICS } from '@/lib/metrics';
import { RULES } from '@/lib/rules/registry';

const root = join(__dirname, '..');
const walk = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));

/** Shared helpers in lib/adapters that are not page families: the plumbing, and `*-common.ts`. */
const ADAPTER_HELPERS = new Set(['types.ts', 'read.ts', 'registry.ts']);
const isHelper = (f: string) => ADAPTER_HELPERS.has(f) || f.endsWith('-common.ts');

describe('adapters', () => {
  const files = readdirSync(join(root, 'lib/adapters')).filter((f) => f.endsWith('.ts') && !isHelper(f));

  it('every adapter file is registered under its file name, and every registered adapter has a file', () => {
    expect(files.map((f) => basename(f, '.ts')).sort()).toEqual(ADAPTERS.map((a) => a.id).sort());
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s has a test, fixtures with a note, and a header comment', (id) => {
    expect(existsSync(join(root, 'tests/adapters', `${id}.test.ts`))).toBe(true);
    expect(existsSync(join(root, 'tests/fixtures', id, 'README.md'))).toBe(true);
    expect(
      readFileSync(join(root, 'lib/adapters', `${id}.ts`), 'utf8')
        .trimStart()
        .startsWith('/**'),
    ).toBe(true);
  });

  const examples = ADAPTERS.flatMap((a) => a.routes.flatMap((r) => r.exampleUrls.map((u) => [a.id, r.id, r.method, u] as const)));

  it.each(examples)('%s/%s example %s %s is routed to itself only and passes the tap filter', (aid, rid, method, u) => {
    const url = new URL(u);
    expect(TAP_URL_FILTER.test(u)).toBe(true);
    const hit = routeFor(url, method === 'ANY' ? 'GET' : method);
    expect([hit?.adapter.id, hit?.route.id]).toEqual([aid, rid]);
    // Cross-negative: no other adapter's route claims the URL.
    for (const other of ADAPTERS) {
      if (other.id === aid) continue;
      const hosts = other.apiHosts ?? [other.host];
      for (const r of other.routes) expect(hosts.includes(url.hostname) && r.path.test(url.pathname) && (r.method === 'ANY' || r.method === method)).toBe(false);
    }
  });

  it.each(ADAPTERS.flatMap((a) => a.examplePageUrls.map((u) => [a.id, u] as const)))('%s page %s belongs to that family only', (aid, u) => {
    expect(familyForPage(new URL(u))?.id).toBe(aid);
  });

  it('README lists every page family', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const a of ADAPTERS) expect(readme, a.id).toContain(`| \`${a.id}\` |`);
  });

  it('route ids are unique per adapter and kebab-case', () => {
    for (const a of ADAPTERS) {
      const ids = a.routes.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('rules', () => {
  const areaDirs = readdirSync(join(root, 'lib/rules'), { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'shared');
  const ruleFiles = areaDirs.flatMap((d) =>
    readdirSync(join(root, 'lib/rules', d.name))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [d.name, f] as const),
  );
  const testText = walk('tests/rules')
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('every rule file is registered, with id = file name and area = folder', () => {
    const registered = new Map(RULES.map((r) => [r.meta.id, r]));
    for (const [area, file] of ruleFiles) {
      const id = basename(file, '.ts');
      const rule = registered.get(id);
      expect(rule, `${area}/${file} is not in lib/rules/registry.ts`).toBeDefined();
      expect(rule?.meta.area.toLowerCase()).toBe(area);
    }
    expect(RULES).toHaveLength(ruleFiles.length);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s has a table test, a README line and complete metadata', (id, rule) => {
    expect(testText.includes(`/${id}'`) || testText.includes(`'${id}'`), `no test imports ${id}`).toBe(true);
    expect(readme).toContain(`\`${id}\``);
    expect(rule.meta.title.zh && rule.meta.title.en && rule.meta.description.zh && rule.meta.description.en).toBeTruthy();
    for (const [k, th] of Object.entries(rule.meta.thresholds)) {
      expect(th.default, k).toBeGreaterThanOrEqual(th.min);
      expect(th.default, k).toBeLessThanOrEqual(th.max);
    }
  });
});

describe('metric catalog', () => {
  it('ids are unique camelCase, and no console code maps to two metrics', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    const sources = METRICS.flatMap((m) => m.sources);
    expect(new Set(sources).size).toBe(sources.length);
  });
});

describe('names and layout', () => {
  it('lib/ files are kebab-case; components are PascalCase', () => {
    for (const f of walk('lib')) expect(basename(f)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.tsx?$/);
    for (const f of walk('components').filter((f) => f.endsWith('.tsx'))) expect(basename(f)).toMatch(/^[A-Z][A-Za-z0-9]*\.tsx$/);
  });

  it('no captured string is ever rendered as HTML', () => {
    for (const f of [...walk('components'), ...walk('entrypoints')].filter((f) => /\.tsx?$/.test(f))) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, f).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/);
    }
  });

  it('lib/ never touches WXT runtime globals (it must import in Node)', () => {
    for (const f of walk('lib')) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, f).not.toMatch(/\bdefine(Background|ContentScript)\b|from 'wxt/);
    }
  });
});

describe('README stays true', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  it('every test file or fixture the README names exists', () => {
    const paths = [...readme.matchAll(/`(tests\/[^`*<\s]+\.(?:ts|json|mts))`/g)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(existsSync(join(root, p)), p).toBe(true);
  });
  it('the reliability section has a benchmark table and a tests table', () => {
    const sec = readme.split('## Reliability and performance')[1]?.split('\n## ')[0] ?? '';
    expect(sec).toContain('### Benchmarks');
    expect(sec).toContain('### Proven by tests');
    for (const budget of ['≤ 4 KB', '≤ 3×', '≤ 30 ms', '≥ 0.7×', '≤ 150 MB', '≤ 500 ms', '≤ 50 ms', '≤ 800 ms', '≤ 16 ms']) expect(sec, budget).toContain(budget);
  });
});
