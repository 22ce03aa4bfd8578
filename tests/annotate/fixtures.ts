/** Fixture DOMs shaped like the sandbox pages and the real consoles' markup (for the anchors). */
import type { Fact } from '@/lib/schema/fact';
import type { Finding } from '@/lib/schema/finding';

export const HOME_SANDBOX = `<div class="cards" id="kpi-cards">
  <div class="card" data-kpi="payAmt"><div class="label">支付金额</div><div class="value">¥2.90万</div></div>
  <div class="card" data-kpi="uv"><div class="label">访客数</div><div class="value">6,274</div></div>
  <div class="card" data-kpi="payRate"><div class="label">支付转化率</div><div class="value">2.17%</div></div>
</div>`;

/** Real console: no data attributes; labels as text, and the 核心指标 table repeating them. */
export const HOME_REAL = `<div class="oui-index-cell"><span class="oui-index-cell-indexName">支付金额</span><span class="oui-num">29,012.40</span></div>
<div class="oui-index-cell"><span class="oui-index-cell-indexName">访客数</span><span class="oui-num">6,274</span></div>
<table><tr><td>支付金额</td><td>29,012.40</td></tr></table>`;

export function rankTable(rows: { id: string; title: string }[], real = false): string {
  const tr = (r: { id: string; title: string }) =>
    real
      ? `<tr><td><a href="https://item.taobao.com/item.htm?spm=a1&id=${r.id}" class="t"></a></td><td class="n">12</td><td class="n">3.4%</td></tr>`
      : `<tr data-item-id="${r.id}"><td><a class="item-link" href="/cc/item_archives?itemId=${r.id}&activeKey=sale"></a></td><td class="n">12</td><td class="n">3.4%</td></tr>`;
  return `<table id="rank"><thead><tr><th>商品</th><th>访客数</th><th>转化率</th></tr></thead><tbody>${rows.map(tr).join('')}</tbody></table>`;
}

/** Titles are set as text afterwards (as the consoles do), so HTML in them stays text. */
export function fillTitles(doc: Document, rows: { id: string; title: string }[]): void {
  const links = doc.querySelectorAll('#rank a');
  rows.forEach((r, i) => {
    const a = links[i];
    if (a) a.textContent = r.title;
  });
}

export const AD_TABLE = `<table id="report"><tbody>
<tr data-keyword-id="7001" data-campaign-id="300"><td>保暖珊瑚绒毯</td><td>834</td></tr>
<tr data-campaign-id="301"><td>计划A</td><td>100</td></tr>
<tr><td><a href="#!/campaign/detail?campaignId=302">计划B</a></td><td>5</td></tr>
<tr data-keyword-id="abc"><td>坏 id</td><td>1</td></tr>
</tbody></table>`;

export const AGENT_TABLE = `<table><tbody>
<tr data-agent-id="a1"><td>暖居家纺旗舰店:小美</td><td>92</td></tr>
<tr data-agent-id="a2"><td>暖居家纺旗舰店:阿青</td><td>61</td></tr>
</tbody></table>`;

let n = 0;
export function fact(p: Partial<Fact> & Pick<Fact, 'entityKind' | 'entityId' | 'date' | 'values'>): Fact {
  const dims = p.dims ?? { device: '0' };
  const shopId = p.shopId ?? '106033221';
  const grain = p.grain ?? 'day';
  return {
    id: [shopId, p.entityKind, p.entityId, grain, p.date, Object.entries(dims).map(([k, v]) => `${k}=${v}`).join('&'), n++].join('|'),
    shopId,
    grain,
    dims,
    source: { adapter: 'test', route: 'test' },
    capturedAt: 1,
    updatedAt: 1,
    ...p,
  } as Fact;
}

export function finding(ruleId: string, area: Finding['area'], kind: Finding['entity']['kind'], id: string, title = ruleId, status: Finding['status'] = 'fired'): Finding {
  return {
    id: `${ruleId}|106033221|${kind}|${id}`,
    ruleId,
    shopId: '106033221',
    area,
    status,
    severity: 'P2',
    entity: { kind, id },
    period: { from: '2026-11-20', to: '2026-11-20' },
    title: { zh: title, en: title },
    detail: { zh: 'd', en: 'd' },
    suggestion: { zh: '', en: '' },
    evidence: [],
    thresholds: {},
    thresholdsAreDefaults: true,
    fingerprint: 'f',
    firstSeenAt: 1,
    updatedAt: 1,
  };
}

export function addDays(d: string, k: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + k * 864e5).toISOString().slice(0, 10);
}
