import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import { buildReport, reportHtml, reportMarkdown, reportText } from '@/lib/report';
import { addDays } from '@/lib/series/dates';
import { D, EVIL, S, seedWorld } from './world';

const db = getDb();

beforeEach(async () => {
  await db.delete();
  await db.open();
  await seedWorld(db);
});

const num = (r: Awaited<ReturnType<typeof buildReport>>, id: string) => {
  const n = r.numbers.find((x) => x.id === id);
  if (!n) throw new Error(`no ${id}`);
  return n;
};

describe('buildReport: daily', () => {
  it('key numbers with 环比, 较上周同日 and 同比, by hand', async () => {
    const r = await buildReport(db, { shopId: S, kind: 'daily', date: D, lang: 'zh', now: 0 });
    expect(r.period).toEqual({ from: D, to: D });
    expect(r.previous).toEqual({ from: addDays(D, -1), to: addDays(D, -1) });
    expect(r.weekAgo).toEqual({ from: addDays(D, -7), to: addDays(D, -7) });
    const pay = num(r, 'payAmt');
    expect(pay.value).toBe(1130);
    expect(pay.prev).toBe(1120);
    expect(pay.change).toBeCloseTo(1130 / 1120 - 1, 10);
    expect(pay.weekAgo).toBe(1060);
    expect(pay.weekAgoChange).toBeCloseTo(1130 / 1060 - 1, 10);
    expect(pay.lastYear).toBe(565);
    expect(pay.lastYearChange).toBeCloseTo(1, 10);
    expect(num(r, 'uv').change).toBeCloseTo(-0.2, 10);
    expect(num(r, 'payRate').value).toBeCloseTo(0.04, 10);
    expect(num(r, 'payRate').change).toBeCloseTo(0, 10);
    expect(num(r, 'payPct').value).toBeCloseTo(1130 / 16, 10);
    expect(num(r, 'payPct').change).toBeCloseTo(1130 / 16 / 56 - 1, 10);
    // Not captured → not listed (never a fake zero).
    expect(r.numbers.find((n) => n.id === 'adSpendTotal')).toBeUndefined();
    expect(r.gaps.missingDays).toEqual([]);
    // 较上周同日 +6.6 %, with the leading factor moving the same way: 客单价.
    expect(r.headline).toContain('较上周同日上升 ▲6.6%');
    expect(r.headline).toContain('客单价');
  });

  it('movers, problems by area (P0–P2 fired only), actions with why, tasks', async () => {
    const r = await buildReport(db, { shopId: S, kind: 'daily', date: D, lang: 'zh', now: 0 });
    const items = r.movers.filter((m) => m.kind === 'item' && m.metric === 'payAmt');
    expect(items.map((m) => [m.id, m.previous, m.current, m.delta])).toEqual([
      ['601', 100, 300, 200],
      ['602', 500, 450, -50],
    ]);
    expect(items[0]?.changePct).toBeCloseTo(2, 10);
    expect(r.problems.map((g) => [g.area, g.items.map((i) => i.severity)])).toEqual([
      ['ADS', ['P1']],
      ['SC', ['P0']],
    ]);
    expect(r.problems[0]?.items[0]?.suggestion).toBe('处理 计划投产比低于保本');
    expect(r.actions.map((a) => [a.id, a.why, a.kindLabel])).toEqual([
      ['j2', 'review', '换主图'],
      ['j1', 'logged', '提高出价'],
    ]);
    // j1 starts on D: its window is not over on D.
    expect(r.actions.find((a) => a.id === 'j1')?.verdict).toBe('pending');
    expect(r.tasks).toEqual({ open: 2, overdue: 1, doneInPeriod: 1 });
    expect(r.trends.map((t) => [t.metric, t.current.length, t.previous.length])).toEqual([
      ['payAmt', 30, 30],
      ['uv', 30, 30],
    ]);
    expect(r.trends[0]?.current.at(-1)).toEqual({ date: D, value: 1130 });
  });
});

describe('buildReport: weekly', () => {
  it('sums, daily-average visitors, pooled rates; an incomplete comparison gives no change', async () => {
    const r = await buildReport(db, { shopId: S, kind: 'weekly', date: D, lang: 'zh', now: 0 });
    expect(r.period).toEqual({ from: addDays(D, -6), to: D });
    expect(r.previous).toEqual({ from: addDays(D, -13), to: addDays(D, -7) });
    const pay = num(r, 'payAmt');
    expect(pay.value).toBe(7700);
    expect(pay.prev).toBe(7210);
    expect(pay.change).toBeCloseTo(7700 / 7210 - 1, 10);
    expect(pay.lastYearChange).toBeNull();
    const uv = num(r, 'uv');
    expect(uv.label).toBe('访客数（日均）');
    expect(uv.value).toBeCloseTo(3400 / 7, 10);
    // D-10 has no visitors: the previous week is incomplete.
    expect(uv.change).toBeNull();
    expect(num(r, 'payRate').value).toBeCloseTo(136 / 3400, 10);
    expect(r.gaps.missingDays).toEqual([addDays(D, -10)]);
    expect(r.headline).toContain('较上周');
    expect(r.actions.map((a) => a.id).sort()).toEqual(['j1', 'j2']);
  });

  it('rejects an unknown shop and a bad date in both languages, changing nothing', async () => {
    await expect(buildReport(db, { shopId: 'nope', kind: 'daily', date: D, lang: 'zh' })).rejects.toThrow(/未知店铺.*Unknown shop/);
    await expect(buildReport(db, { shopId: S, kind: 'daily', date: '2026-13-45', lang: 'zh' })).rejects.toThrow(/日期无效.*Invalid date/);
    expect(await db.journal.count()).toBe(3);
  });
});

describe('renderers', () => {
  it('markdown: headings, bold numbers, ▲▼, legend, no raw HTML from titles', async () => {
    const md = reportMarkdown(await buildReport(db, { shopId: S, kind: 'daily', date: D, lang: 'zh', now: 0 }));
    expect(md.split('\n')[0]).toBe(`### 运营日报 · 暖居家纺旗舰店 · ${D}`);
    for (const h of [
      '#### 核心指标',
      '#### 变化最大',
      '#### 待处理问题',
      '##### 推广（1）',
      '##### 供应链（1）',
      '#### 操作与复盘',
      '#### 任务',
      '#### 数据缺口',
    ])
      expect(md).toContain(h);
    expect(md).toContain('- 支付金额 **¥1130.00**　较前一日 ▲0.89%，较上周同日 ▲6.60%，同比 ▲100.00%');
    expect(md).toContain('- 访客数 **400**　较前一日 ▼20.00%');
    expect(md).toContain('红涨绿跌');
    expect(md).toContain('未完成 2 个（逾期 1 个），本期完成 1 个。');
    expect(md).not.toContain('<img');
    expect(md).toContain('＜img src=x onerror=alert(1)＞');
    // No table rows (DingTalk chats are narrow).
    expect(md.split('\n').some((l) => l.startsWith('|'))).toBe(false);
  });

  it('plain text: 【】 sections and bullets, no markdown markup', async () => {
    const txt = reportText(await buildReport(db, { shopId: S, kind: 'weekly', date: D, lang: 'zh', now: 0 }));
    expect(txt.split('\n')[0]).toBe(`【运营周报 · 暖居家纺旗舰店 · ${addDays(D, -6)} ~ ${D}】`);
    expect(txt).toContain('【核心指标】');
    expect(txt).toContain('• 支付金额：¥7700.00（较上周 ▲6.80%）');
    expect(txt).toContain('• 访客数（日均）：486（较上周 —）');
    expect(txt).not.toMatch(/\*\*|^#/m);
  });

  it('english report uses english labels', async () => {
    const md = reportMarkdown(await buildReport(db, { shopId: S, kind: 'daily', date: D, lang: 'en', now: 0 }));
    expect(md).toContain('#### Key numbers');
    expect(md).toContain('- Payment amount **¥1130.00**');
  });

  it('HTML: standalone, printable, no script, titles escaped, SVG trend', async () => {
    const html = reportHtml(await buildReport(db, { shopId: S, kind: 'daily', date: D, lang: 'zh', now: 0 }));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toMatch(/<path d="M[\d.]+,[\d.]+L/);
    expect(html).toContain('<span class="up">▲6.60%</span>');
    expect(html).toContain('<span class="down">▼20.00%</span>');
  });
});

describe('buildReport: edge cases', () => {
  it('a comparison week inside 双11 is named in the headline', async () => {
    const { fact } = await import('./world');
    const days = [];
    // 11-09 … 11-22: the first week is inside 双11 (to 11-14), the second is not.
    for (let k = 0; k < 14; k++) {
      const d = addDays('2026-11-22', k - 13);
      days.push(fact('shop', S, d, { payAmt: k < 7 ? 5000 : 1000, uv: 500, payByrCnt: 10 }));
    }
    await db.facts.bulkPut(days);
    const r = await buildReport(db, { shopId: S, kind: 'weekly', date: '2026-11-22', lang: 'zh', now: 0 });
    expect(r.headline).toContain('较上周下降 ▼80.0%');
    expect(r.headline).toContain('对比期含大促（双11），变化可能主要来自大促后的回落。');
  });

  it('a date without data: no numbers, a plain headline, every day a gap', async () => {
    const r = await buildReport(db, { shopId: S, kind: 'daily', date: '2025-03-20', lang: 'zh', now: 0 });
    expect(r.numbers).toEqual([]);
    expect(r.headline).toBe('缺少支付金额数据，无法下结论。');
    expect(r.gaps.missingDays).toEqual(['2025-03-13', '2025-03-19', '2025-03-20']);
    expect(reportMarkdown(r)).toContain('本期及对比期缺 3 天的店铺核心数据');
    expect(r.trends).toEqual([]);
    expect(reportHtml(r)).not.toContain('<svg');
  });
});
