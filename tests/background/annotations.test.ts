import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { handleAnnotations } from '@/entrypoints/background/annotations';
import type { AgentAnnotation, ItemAnnotation, KpiAnnotation } from '@/lib/annotate/types';
import { getDb } from '@/lib/db/database';
import { removeAllListeners } from '@/lib/messaging/protocol';
import { updateSettings } from '@/lib/settings';
import { addDays, fact, finding } from '../annotate/fixtures';

const S = '106033221';
const D = '2026-09-20';

async function seed() {
  const db = getDb();
  const facts = [];
  for (let i = 0; i < 40; i++) {
    const d = addDays(D, -i);
    facts.push(fact({ entityKind: 'shop', entityId: S, date: d, values: { payAmt: 1000 + i, uv: 500 } }));
    facts.push(fact({ entityKind: 'item', entityId: '601', date: d, values: { payAmt: 10 + i, uv: 100, payByrCnt: 2 } }));
  }
  facts.push(fact({ entityKind: 'sku', entityId: '9001', date: D, dims: { device: '0', itemId: '602' }, values: { payAmt: 1 } }));
  facts.push(fact({ entityKind: 'agent', entityId: '店:小美', date: D, values: { consultUserCnt: 100, consultFinalPayRate: 0.55 } }));
  facts.push(fact({ entityKind: 'agent', entityId: '店:木子', date: D, values: { consultUserCnt: 100, consultFinalPayRate: 0.3 } }));
  facts.push(fact({ entityKind: 'agent', entityId: '店:阿青', date: D, values: { consultUserCnt: 2, consultFinalPayRate: 1 } }));
  await db.facts.bulkPut(facts);
  await db.findings.bulkPut([
    finding('sel-01-potential-item', 'SEL', 'item', '601'),
    finding('sc-01-stock-cover', 'SC', 'sku', '9001'),
    finding('sc-03-overstock', 'SC', 'item', '601', 'x', 'ok'),
  ]);
  await db.captures.add({ at: Date.now(), shopId: S, adapter: 'sycm-item', route: 'item-rank', url: 'https://sycm.taobao.com/cc/item_rank', outcome: 'stored', facts: 10, tabId: 7 });
}

describe('annotations handler (fake IndexedDB)', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    removeAllListeners();
    await getDb().delete();
    await getDb().open();
    await seed();
  });

  it('KPI cards: value, same-weekday baseline, 30-day spark, for the page date', async () => {
    const r = await handleAnnotations(getDb(), { family: 'sycm-home', date: D, attr: null, entities: [{ kind: 'shop', id: 'payAmt' }] }, 7);
    expect(r).toMatchObject({ enabled: true, shopId: S, lang: 'zh' });
    const k = r.data['shop|payAmt'] as KpiAnnotation;
    expect(k.value).toBe(1000);
    expect(k.base).toBe(1017.5);
    expect(k.spark).toHaveLength(30);
  });

  it('item rows: badges from fired findings (SKU findings under their item) and the history', async () => {
    const r = await handleAnnotations(
      getDb(),
      {
        family: 'sycm-item',
        date: D,
        attr: null,
        entities: [
          { kind: 'item', id: '601' },
          { kind: 'item', id: '602' },
          { kind: 'item', id: '603' },
        ],
      },
      7,
    );
    const a = r.data['item|601'] as ItemAnnotation;
    expect(a.badges.map((b) => b.id)).toEqual(['potential']);
    expect(a.history.dates).toHaveLength(40);
    expect(a.history.payRate.at(-1)).toBe(0.02);
    expect((r.data['item|602'] as ItemAnnotation).badges.map((b) => b.id)).toEqual(['stockLow']);
    expect((r.data['item|603'] as ItemAnnotation).history.dates).toEqual([]);
  });

  it('agents: ranked among the team with shrinkage', async () => {
    const r = await handleAnnotations(getDb(), { family: 'sycm-service', date: D, attr: null, entities: [{ kind: 'agent', id: '店:阿青' }, { kind: 'agent', id: 'x', alt: '店:小美' }] }, 7);
    expect((r.data['agent|x'] as AgentAnnotation).rank).toBe(1);
    // 2 of 2 inquiries paid: shrunk towards the team, it does not top 55 of 100.
    expect((r.data['agent|店:阿青'] as AgentAnnotation).rank).toBe(2);
    expect((r.data['agent|店:阿青'] as AgentAnnotation).of).toBe(3);
  });

  it('switched off per family; an unknown tab falls back to the only shop', async () => {
    await getDb().shops.put({ id: S } as never);
    await updateSettings(getDb(), { annotations: { 'sycm-item': false } });
    const off = await handleAnnotations(getDb(), { family: 'sycm-item', date: D, attr: null, entities: [{ kind: 'item', id: '601' }] }, 7);
    expect(off).toEqual({ enabled: false, lang: 'zh', shopId: null, data: {} });
    const home = await handleAnnotations(getDb(), { family: 'sycm-home', date: D, attr: null, entities: [{ kind: 'shop', id: 'uv' }] }, 99);
    expect(home.shopId).toBe(S);
    const bad = await handleAnnotations(getDb(), { family: 'nope' as never, date: D, attr: null, entities: [] }, 7);
    expect(bad.enabled).toBe(false);
  });

  it('is wired as the `annotations` message', async () => {
    background.main();
    const reply = await new Promise<{ res?: unknown }>((resolve) => {
      void (fakeBrowser.runtime.onMessage.trigger as (...a: unknown[]) => Promise<unknown>)(
        { id: 1, type: 'annotations', data: { family: 'sycm-item', date: D, attr: null, entities: [{ kind: 'item', id: '601' }] }, timestamp: Date.now() },
        { id: 'test-extension-id', url: 'https://sycm.taobao.com/cc/item_rank', tab: { id: 7 } },
        resolve,
      );
    });
    expect((reply.res as { data: Record<string, unknown> }).data['item|601']).toBeDefined();
  });
});
