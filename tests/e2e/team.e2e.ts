/**
 * Team work end to end: browse the sandbox 生意参谋 so findings exist → 转为任务 on a finding card
 * → the task in 任务 → 导出任务 → import into a fresh profile (refused until the shop is known
 * there) → a DingTalk robot configured in the options page → 发送测试消息 reaches a local HTTPS
 * receiver standing in for oapi.dingtalk.com (Chromium's host-resolver rules), which verifies the
 * 加签 signature exactly as DingTalk documents it.
 *
 * One test-only difference from the shipped extension: Chromium's permission prompt for the
 * optional host cannot be answered from Playwright (microsoft/playwright#32755), so the test runs
 * a copy of the build whose manifest already grants the three robot hosts (then
 * `permissions.request` resolves true without a prompt, as for a user who accepted it). The
 * shipped manifest is checked to keep them optional.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../sandbox/chromium.ts';
import type { Sandbox } from '../sandbox/server.ts';
import { sandboxCert } from '../sandbox/tls.ts';
import { type Receiver, startReceiver } from '../team/receiver';
import { chromiumPath, EXTENSION_DIR, openHome, pickDate, readStore, SHOTS_DIR, settle, startAll } from './harness';

const A = '106033221';
const DROP_DAY = '2026-11-20';
const TOKEN = 'e2eDingTalkToken0123456789abcdef';
const SECRET = 'SECe2e0123456789abcdef0123456789abcdef0123456789abcdef';
const ROBOT_HOSTS = ['https://oapi.dingtalk.com/*', 'https://open.feishu.cn/*', 'https://qyapi.weixin.qq.com/*'];

type Task = { id: string; shopId: string; title: string; owner: string; status: string; findingId?: string; due?: string };

let sandbox: Sandbox;
let rx: Receiver;
let extDir: string;
const open: { ctx: BrowserContext; dir: string }[] = [];

/** A copy of the build with the robot hosts granted at install (see the header). */
function testExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opsradar-ext-team-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, ...ROBOT_HOSTS];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

async function launchProfile(): Promise<{ ctx: BrowserContext; extId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'opsradar-profile-'));
  const args = chromiumArgs({ port: sandbox.port, spkiHash: sandbox.spkiHash, extensionDir: extDir }).map((a) =>
    a.startsWith('--host-resolver-rules=') ? `${a}, MAP oapi.dingtalk.com 127.0.0.1:${rx.port}` : a,
  );
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    args,
  });
  open.push({ ctx, dir });
  const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
  return { ctx, extId: new URL(sw.url()).host };
}

async function openTasks(page: Page, extId: string) {
  await page.goto(`chrome-extension://${extId}/sidepanel.html?view=tasks`);
  await page.waitForSelector('[data-testid="tasks-panel"]');
}

let ctx: BrowserContext;
let extId: string;
let consolePage: Page;
let panel: Page;
let exported = '';

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  sandbox = await startAll();
  const cert = await sandboxCert();
  rx = await startReceiver({ dingtalk: { token: TOKEN, secret: SECRET } }, { key: cert.key, cert: cert.cert });
  extDir = testExtension();
  ({ ctx, extId } = await launchProfile());
  consolePage = await ctx.newPage();
  panel = await ctx.newPage();
  await panel.goto(`chrome-extension://${extId}/sidepanel.html`);
});

afterAll(async () => {
  for (const o of open) {
    await o.ctx.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
  if (extDir) rmSync(extDir, { recursive: true, force: true });
  await rx?.close();
  await sandbox?.close();
});

describe('tasks and webhooks', () => {
  it('the shipped manifest keeps the robot hosts optional', () => {
    const shipped = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(shipped.optional_host_permissions).toEqual(ROBOT_HOSTS);
    for (const h of ROBOT_HOSTS) expect(shipped.host_permissions).not.toContain(h);
    expect(shipped.permissions).toContain('alarms');
  });

  it('makes a task from a finding card and shows 已转任务', async () => {
    await openHome(consolePage, '2026-10-07');
    await pickDate(consolePage, '2026-11-13');
    await pickDate(consolePage, DROP_DAY);
    await settle(panel);
    const card = panel.locator('[data-rule="da-01-visitors"][data-status="fired"]');
    await card.waitFor({ timeout: 30_000 });
    await card.locator('[data-testid="make-task"]').click();
    await card.locator('[data-testid="make-task-form"]').waitFor();
    await card.locator('[data-testid="task-owner"]').fill('小王');
    const due = await card.locator('[data-testid="task-due"]').inputValue();
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await card.locator('[data-testid="task-save"]').click();
    await card.locator('[data-testid="task-made"]').waitFor();
    expect(await card.locator('[data-testid="make-task"]').count()).toBe(0);
    const tasks = await readStore<Task>(panel, 'tasks');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ shopId: A, owner: '小王', status: 'todo', due, findingId: `da-01-visitors|${A}|shop|${A}` });
    await panel.setViewportSize({ width: 400, height: 900 });
    await card.screenshot({ path: join(SHOTS_DIR, 'team-finding-task-made.png') });
  });

  it('shows the task in 任务, edits it inline and exports the task file', async () => {
    await openTasks(panel, extId);
    const row = panel.locator('[data-testid="task-row"]');
    await row.waitFor();
    expect(await row.locator('.task-title').textContent()).toContain('访客数');
    await row.locator('[data-testid="task-edit-status"]').selectOption('doing');
    await panel.locator('[data-testid="task-group-doing"]').waitFor();
    await panel.locator('[data-testid="task-edit-note"]').fill('先查 手淘搜索 流量');
    await panel.locator('[data-testid="task-edit-note"]').blur();
    await panel.waitForFunction(() => document.querySelector('[data-testid="task-edit-note"]') !== null);
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('[data-testid="task-export"]')]);
    expect(download.suggestedFilename()).toMatch(/^运营雷达-任务-.+\.json$/);
    const path = join(SHOTS_DIR, download.suggestedFilename());
    await download.saveAs(path);
    exported = path;
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({ format: 'opsradar-tasks', version: 1, shop: { id: A } });
    expect(file.tasks).toHaveLength(1);
    expect(file.tasks[0]).toMatchObject({ status: 'doing', owner: '小王', note: '先查 手淘搜索 流量' });
    // No secret or settings travel with tasks.
    expect(JSON.stringify(file)).not.toMatch(/webhook|access_token|SEC/);
    await panel.screenshot({ path: join(SHOTS_DIR, 'team-tasks-panel.png'), fullPage: true });
  });

  it('imports the file into a fresh profile: refused while the shop is unknown there, then merged', async () => {
    const fresh = await launchProfile();
    const p = await fresh.ctx.newPage();
    await openTasks(p, fresh.extId);
    await p.setInputFiles('[data-testid="task-import-file"]', exported);
    await p.waitForSelector('[data-testid="task-import-map"]');
    expect(await p.textContent('[data-testid="task-import-map"]')).toContain('在本浏览器中没有数据');
    expect(await readStore<Task>(p, 'tasks')).toEqual([]);
    // A foreign file: precise message, nothing written.
    const foreign = join(SHOTS_DIR, 'not-tasks.json');
    writeFileSync(foreign, JSON.stringify({ format: 'opsradar-backup', version: 1 }));
    await p.setInputFiles('[data-testid="task-import-file"]', foreign);
    expect(await p.textContent('[data-testid="task-import-error"]')).toContain('不是运营雷达的任务文件');
    // The colleague opens the same shop once; the import then goes through.
    const c = await fresh.ctx.newPage();
    await openHome(c, DROP_DAY);
    await settle(p, 'shops', 400);
    await openTasks(p, fresh.extId);
    await p.setInputFiles('[data-testid="task-import-file"]', exported);
    await p.waitForSelector('[data-testid="task-import-preview"]');
    expect(await p.textContent('[data-testid="task-import-preview"]')).toContain('新增 1 个');
    await p.click('[data-testid="task-import-apply"]');
    await p.waitForSelector('[data-testid="task-import-done"]');
    await p.waitForSelector('[data-testid="task-row"]');
    const mine = await readStore<Task>(panel, 'tasks');
    const theirs = await readStore<Task>(p, 'tasks');
    expect(theirs).toEqual(mine);
    await p.setViewportSize({ width: 400, height: 900 });
    await p.screenshot({ path: join(SHOTS_DIR, 'team-tasks-imported.png'), fullPage: true });
  });

  it('configures a DingTalk robot, shows the secret masked, and 发送测试消息 passes signature verification', async () => {
    const opts = await ctx.newPage();
    await opts.goto(`chrome-extension://${extId}/options.html#webhooks`);
    const card = opts.locator('[data-testid="wh-dingtalk"]');
    await card.waitFor();
    expect(await opts.isChecked('[data-testid="wh-dingtalk-enabled"]')).toBe(false);
    // A wrong host is refused with a message.
    await opts.fill('[data-testid="wh-dingtalk-url"]', `https://example.com/robot/send?access_token=${TOKEN}`);
    await opts.click('[data-testid="wh-dingtalk-save"]');
    expect(await opts.textContent('[data-testid="wh-dingtalk-error"]')).toContain('https://oapi.dingtalk.com/');
    await opts.fill('[data-testid="wh-dingtalk-url"]', `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
    await opts.fill('[data-testid="wh-dingtalk-secret"]', SECRET);
    await opts.click('[data-testid="wh-dingtalk-save"]');
    await opts.waitForSelector('[data-testid="wh-dingtalk-masked-url"]');
    const shown = await card.textContent();
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain(SECRET);
    expect(await opts.textContent('[data-testid="wh-dingtalk-masked-secret"]')).toBe(`••••••${SECRET.slice(-4)}`);
    // A controlled checkbox: it turns on once the permission is granted and the row is saved.
    await opts.click('[data-testid="wh-dingtalk-enabled"]');
    await opts.waitForFunction(() => (document.querySelector('[data-testid="wh-dingtalk-enabled"]') as HTMLInputElement | null)?.checked === true);
    await opts.click('[data-testid="wh-dingtalk-test"]');
    await opts.waitForSelector('[data-testid="wh-dingtalk-info"]', { timeout: 20_000 });
    expect(await opts.textContent('[data-testid="wh-dingtalk-info"]')).toBe('发送成功');
    const got = rx.received.filter((r) => r.channel === 'dingtalk');
    expect(got.at(-1)).toMatchObject({ ok: true, reason: 'ok' });
    expect(got.at(-1)?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '运营雷达 · 测试消息' } });
    await opts.waitForFunction(() => document.querySelector('[data-testid="wh-dingtalk-status"]')?.textContent?.includes('✓'));
    await opts.setViewportSize({ width: 400, height: 900 });
    await card.screenshot({ path: join(SHOTS_DIR, 'team-options-webhook.png') });
    await opts.setViewportSize({ width: 1000, height: 900 });
    await opts.locator('#webhooks').screenshot({ path: join(SHOTS_DIR, 'team-options-webhooks-wide.png') });
  });

  it('a wrong secret is rejected by the receiver and the failure is shown redacted', async () => {
    const opts = await ctx.newPage();
    await opts.goto(`chrome-extension://${extId}/options.html#webhooks`);
    await opts.click('[data-testid="wh-dingtalk-replace"]');
    await opts.fill('[data-testid="wh-dingtalk-url"]', TOKEN);
    await opts.fill('[data-testid="wh-dingtalk-secret"]', 'SECwrongwrongwrongwrongwrong');
    await opts.click('[data-testid="wh-dingtalk-save"]');
    await opts.click('[data-testid="wh-dingtalk-test"]');
    await opts.waitForSelector('[data-testid="wh-dingtalk-error"]', { timeout: 20_000 });
    const err = (await opts.textContent('[data-testid="wh-dingtalk-error"]')) ?? '';
    expect(err).toContain('310000');
    expect(err).not.toContain(TOKEN);
    expect(rx.received.at(-1)).toMatchObject({ channel: 'dingtalk', ok: false, reason: 'sign' });
    const status = (await opts.textContent('[data-testid="wh-dingtalk-status"]')) ?? '';
    expect(status).toContain('✗');
    expect(status).not.toContain(TOKEN);
  });
});
