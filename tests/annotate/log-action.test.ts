// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_TAG } from '@/lib/annotate/anchor';
import { renderPass } from '@/lib/annotate/controller';
import { ACTION_LABELS, buildEntry, defaultMetric } from '@/lib/annotate/log-action';
import { forgetHosts, sparkPath } from '@/lib/annotate/render';
import { adAnchors } from '@/lib/annotate/ads';
import { itemAnchors } from '@/lib/annotate/sycm-item';
import type { AdAnnotation, Annotation, ItemAnnotation } from '@/lib/annotate/types';
import { metric } from '@/lib/metrics';
import { JournalEntrySchema } from '@/lib/schema/journal';
import { AD_TABLE, fillTitles, rankTable } from './fixtures';

const XSS = '<img src=x onerror="window.__pwned=1">';
const rows = [
  { id: '600', title: `${XSS}毛毯` },
  { id: '601', title: '珊瑚绒毯' },
];

const itemNote = (): ItemAnnotation => ({
  type: 'item',
  badges: [{ id: 'potential', tone: 'good', label: { zh: '潜力款', en: 'Potential' }, tip: { zh: '依据', en: 'x' } }],
  history: { dates: ['2026-11-19', '2026-11-20'], payAmt: [10, 20], uv: [5, 6], payRate: [0.1, 0.2] },
});
const adNote = (): AdAnnotation => ({
  type: 'ad',
  flags: [],
  window: { from: '2026-11-14', to: '2026-11-20', days: 7 },
  cartCost: 3.2,
  roi: 1.8,
  breakEvenRoi: 2.5,
  grossMargin: 0.4,
  marginAssumed: true,
  budgetProgress: null,
});


function shadowOf(sel: string): ShadowRoot {
  const host = document.querySelector(`${sel} ${HOST_TAG}`) as HTMLElement;
  return host.shadowRoot as ShadowRoot;
}

/** What the browser delivers at the document when the pointer enters a host (retargeted). */
function hover(sel: string) {
  const host = document.querySelector(`${sel} ${HOST_TAG}`) as HTMLElement;
  host.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
}

const click = (el: Element | null | undefined) => (el as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));

describe('记录操作 entry', () => {
  it('default metric: an item compares 支付金额, ad entities 花费 (catalog ids)', () => {
    expect(defaultMetric('item')).toBe('payAmt');
    for (const k of ['keyword', 'adgroup', 'campaign'] as const) expect(defaultMetric(k)).toBe('adSpend');
    expect(metric('adSpend')?.zh).toBe('花费');
    expect(metric('payAmt')?.zh).toBe('支付金额');
  });

  it('builds an entry the journal schema accepts; rejects a bad date and an unexplained 其他', () => {
    const ok = buildEntry({ kind: 'raiseBid', date: '2026-11-25', note: ' 出价 +0.2 ', entity: { kind: 'keyword', id: '7001', name: '珊瑚绒毯' } }, 'zh');
    expect('entry' in ok).toBe(true);
    if (!('entry' in ok)) return;
    expect(ok.entry).toEqual({
      date: '2026-11-25',
      kind: 'raiseBid',
      entity: { kind: 'keyword', id: '7001', name: '珊瑚绒毯' },
      metric: 'adSpend',
      windowDays: 7,
      note: '出价 +0.2',
      area: 'ADS',
    });
    expect(JournalEntrySchema.safeParse({ ...ok.entry, id: 'j1', shopId: 's', createdAt: 1, updatedAt: 1 }).success).toBe(true);
    expect(buildEntry({ kind: 'raiseBid', date: '2026-13-45', note: '', entity: { kind: 'item', id: '1' } }, 'zh')).toEqual({ error: expect.stringContaining('日期无效') });
    expect(buildEntry({ kind: 'other', date: '2026-11-25', note: '  ', entity: { kind: 'item', id: '1' } }, 'en')).toEqual({ error: expect.stringContaining('Other') });
    expect('error' in buildEntry({ kind: 'dropTable', date: '2026-11-25', note: '', entity: { kind: 'item', id: '1' } }, 'zh')).toBe(true);
  });
});

describe('记录操作 in the hover card', () => {
  beforeEach(() => {
    document.body.textContent = '';
    forgetHosts(document);
  });

  it('an item row: the form is built on hover, keyboard reachable, sends logAction with the row entity', async () => {
    document.body.insertAdjacentHTML('beforeend', rankTable(rows));
    fillTitles(document, rows);
    const send = vi.fn(async () => ({ id: 'j-1' }));
    const data = new Map<string, Annotation>(rows.map((r) => [`item|${r.id}`, itemNote()]));
    renderPass(itemAnchors(document), data, 'zh', { shopId: '106033221', logAction: send });
    const root = shadowOf('tr[data-item-id="600"]');
    // Nothing built before the operator looks.
    expect(root.querySelector('[data-part="log"]')).toBeNull();
    expect(root.querySelector('[data-part="history"]')?.getAttribute('tabindex')).toBe('0');
    hover('tr[data-item-id="600"]');
    const open = root.querySelector('[data-part="log-open"]') as HTMLButtonElement;
    expect(open.textContent).toBe('记录操作');
    expect(open.tagName).toBe('BUTTON');
    expect(open.getAttribute('aria-expanded')).toBe('false');
    click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const kind = root.querySelector('[data-part="log-kind"]') as HTMLSelectElement;
    expect([...kind.options].map((o) => o.textContent)).toEqual(Object.values(ACTION_LABELS).map((l) => l.zh));
    expect(kind.value).toBe('changePrice');
    // Every control has a label.
    for (const c of root.querySelectorAll('select, input')) expect(c.closest('label')?.textContent?.length).toBeGreaterThan(c.closest('label')?.querySelector('select,input')?.textContent?.length ?? 0);
    kind.value = 'changeMainImage';
    (root.querySelector('[data-part="log-note"]') as HTMLInputElement).value = '换成白底图';
    const date = root.querySelector('[data-part="log-date"]') as HTMLInputElement;
    expect(date.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    date.value = '2026-11-24';
    click(root.querySelector('[data-part="log-save"]'));
    await vi.waitFor(() => expect(root.querySelector('[data-part="log-status"]')?.textContent).toContain('已记录'));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({
      shopId: '106033221',
      entry: {
        date: '2026-11-24',
        kind: 'changeMainImage',
        // The row's title, read as text (HTML in it stays text).
        entity: { kind: 'item', id: '600', name: `${XSS}毛毯` },
        metric: 'payAmt',
        windowDays: 7,
        note: '换成白底图',
        area: 'SEL',
      },
    });
    expect(document.querySelectorAll('img').length).toBe(0);
    expect(root.querySelectorAll('img').length).toBe(0);
  });

  it('an ad keyword row: 花费 as the metric, 提高出价 preselected; a failure says so and keeps the note', async () => {
    document.body.insertAdjacentHTML('beforeend', AD_TABLE);
    const send = vi.fn(async () => {
      throw new Error('Could not establish connection');
    });
    renderPass(adAnchors(document), new Map<string, Annotation>([['keyword|7001', adNote()]]), 'zh', { shopId: 's1', logAction: send });
    hover('tr[data-keyword-id="7001"]');
    const root = shadowOf('tr[data-keyword-id="7001"]');
    expect(root.querySelector('.pop')?.textContent).toContain('保本ROI');
    click(root.querySelector('[data-part="log-open"]'));
    expect((root.querySelector('[data-part="log-kind"]') as HTMLSelectElement).value).toBe('raiseBid');
    (root.querySelector('[data-part="log-note"]') as HTMLInputElement).value = '+0.3';
    click(root.querySelector('[data-part="log-save"]'));
    await vi.waitFor(() => expect(root.querySelector('[data-part="log-status"]')?.textContent).toContain('未能记录'));
    expect(send.mock.calls[0]).toEqual([
      { shopId: 's1', entry: expect.objectContaining({ kind: 'raiseBid', metric: 'adSpend', entity: { kind: 'keyword', id: '7001', name: '保暖珊瑚绒毯' }, area: 'ADS' }) },
    ]);
    expect((root.querySelector('[data-part="log-note"]') as HTMLInputElement).value).toBe('+0.3');
  });

  it('no shop known: says so and sends nothing; keys typed in the form do not reach the page', () => {
    document.body.insertAdjacentHTML('beforeend', rankTable(rows));
    fillTitles(document, rows);
    const send = vi.fn(async () => ({ id: 'x' }));
    renderPass(itemAnchors(document), new Map<string, Annotation>([['item|601', itemNote()]]), 'en', { shopId: null, logAction: send });
    hover('tr[data-item-id="601"]');
    const root = shadowOf('tr[data-item-id="601"]');
    click(root.querySelector('[data-part="log-open"]'));
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    root.querySelector('[data-part="log-note"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, composed: true }));
    expect(pageKeys).not.toHaveBeenCalled();
    click(root.querySelector('[data-part="log-save"]'));
    expect(send).not.toHaveBeenCalled();
    expect(root.querySelector('[data-part="log-status"]')?.textContent).toContain('Shop not identified');
    document.removeEventListener('keydown', pageKeys);
  });

  it('without a logAction channel the card has no such control', () => {
    document.body.insertAdjacentHTML('beforeend', rankTable(rows));
    renderPass(itemAnchors(document), new Map<string, Annotation>([['item|600', itemNote()]]), 'zh');
    hover('tr[data-item-id="600"]');
    const root = shadowOf('tr[data-item-id="600"]');
    expect(root.querySelector('canvas[data-part="chart"]')).not.toBeNull();
    expect(root.querySelector('[data-part="log"]')).toBeNull();
  });
});

describe('hosts and sparklines', () => {
  beforeEach(() => {
    document.body.textContent = '';
    forgetHosts(document);
  });

  it('a console that rebuilds its rows gets the same hosts moved in (no new shadow trees)', () => {
    document.body.insertAdjacentHTML('beforeend', rankTable(rows));
    const data = new Map<string, Annotation>(rows.map((r) => [`item|${r.id}`, itemNote()]));
    renderPass(itemAnchors(document), data, 'zh');
    const before = document.querySelector(`tr[data-item-id="601"] ${HOST_TAG}`);
    document.body.textContent = '';
    document.body.insertAdjacentHTML('beforeend', rankTable([...rows].reverse()));
    renderPass(itemAnchors(document), data, 'zh');
    expect(document.querySelector(`tr[data-item-id="601"] ${HOST_TAG}`)).toBe(before);
    expect(document.querySelectorAll(HOST_TAG).length).toBe(2);
    // New data for the entity: a fresh build, not the remembered host.
    data.set('item|601', itemNote());
    document.body.textContent = '';
    document.body.insertAdjacentHTML('beforeend', rankTable(rows));
    renderPass(itemAnchors(document), data, 'zh');
    expect(document.querySelector(`tr[data-item-id="601"] ${HOST_TAG}`)).not.toBe(before);
  });

  it('sparkPath: integer tenths inside the box, gaps lift the pen, flat and tiny series', () => {
    const d = sparkPath([1, 3, null, 2, 5], 30, 10);
    expect(d).toBe('M10 90L80 50M220 70L290 10');
    for (const n of d.match(/\d+/g) ?? []) expect(Number.isInteger(Number(n))).toBe(true);
    expect(sparkPath([4, 4, 4], 30, 10)).toBe('M10 90L150 90L290 90');
    expect(sparkPath([7], 30, 10)).toBe('');
    expect(sparkPath([null, null], 30, 10)).toBe('');
  });
});
