// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { adAnchors } from '@/lib/annotate/ads';
import { pageAttr, pageDate } from '@/lib/annotate/page-context';
import { homeAnchors } from '@/lib/annotate/sycm-home';
import { itemAnchors, itemIdFromHref } from '@/lib/annotate/sycm-item';
import { agentAnchors } from '@/lib/annotate/sycm-service';
import { AD_TABLE, AGENT_TABLE, HOME_REAL, HOME_SANDBOX, rankTable } from './fixtures';

beforeEach(() => {
  document.body.textContent = '';
});

const set = (html: string) => {
  // Fixture markup is ours (tests only); the code under test never parses HTML.
  document.body.insertAdjacentHTML('beforeend', html);
};

describe('sycm home KPI cards', () => {
  it('sandbox cards by data-kpi, anchored at the value', () => {
    set(HOME_SANDBOX);
    const a = homeAnchors(document);
    expect(a.map((x) => x.ref)).toEqual([
      { kind: 'shop', id: 'payAmt' },
      { kind: 'shop', id: 'uv' },
      { kind: 'shop', id: 'payRate' },
    ]);
    expect(a[0]?.at.className).toBe('value');
  });

  it('real console cards by label text, outside tables, once per metric', () => {
    set(HOME_REAL);
    const a = homeAnchors(document);
    expect(a.map((x) => x.ref.id)).toEqual(['payAmt', 'uv']);
    expect(a.every((x) => !x.at.closest('table'))).toBe(true);
  });
});

describe('商品排行 rows', () => {
  it('sandbox data-item-id and real item.taobao.com links', () => {
    set(rankTable([{ id: '601', title: 'x' }, { id: '602', title: 'y' }]));
    set(rankTable([{ id: '701', title: 'z' }], true));
    expect(itemAnchors(document).map((x) => x.ref.id)).toEqual(['601', '602', '701']);
    expect(itemAnchors(document).every((x) => x.at.tagName === 'TD')).toBe(true);
  });

  it('reads item ids from the links the consoles use', () => {
    expect(itemIdFromHref('https://item.taobao.com/item.htm?spm=a.b&id=123456')).toBe('123456');
    expect(itemIdFromHref('//detail.tmall.com/item.htm?id=99')).toBe('99');
    expect(itemIdFromHref('/cc/item_archives?itemId=77&activeKey=sale')).toBe('77');
    expect(itemIdFromHref('https://item.taobao.com/item.htm?uid=5')).toBeNull();
    expect(itemIdFromHref(null)).toBeNull();
  });
});

describe('ad report rows', () => {
  it('keyword before campaign, campaign links, bad ids skipped', () => {
    set(AD_TABLE);
    expect(adAnchors(document).map((x) => x.ref)).toEqual([
      { kind: 'keyword', id: '7001' },
      { kind: 'campaign', id: '301' },
      { kind: 'campaign', id: '302' },
    ]);
  });
});

describe('客服 rows', () => {
  it('nick from the first cell, data-agent-id as the alternative', () => {
    set(AGENT_TABLE);
    expect(agentAnchors(document).map((x) => x.ref)).toEqual([
      { kind: 'agent', id: '暖居家纺旗舰店:小美', alt: 'a1' },
      { kind: 'agent', id: '暖居家纺旗舰店:阿青', alt: 'a2' },
    ]);
  });
});

describe('page context', () => {
  it('date from the picker first, then the URL (query or hash)', () => {
    expect(pageDate(document, { search: '?dateType=day&dateRange=2026-11-01%7C2026-11-02', hash: '' })).toBe('2026-11-02');
    expect(pageDate(document, { search: '', hash: '#!/report/bidword?startTime=2026-11-05&effectEqual=15' })).toBe('2026-11-05');
    set('<input type="date" value="2026-11-09">');
    expect(pageDate(document, { search: '?dateRange=2026-11-01%7C2026-11-02', hash: '' })).toBe('2026-11-09');
    expect(pageDate(document, { search: '?dateRange=bad', hash: '' })).toBe('2026-11-09');
  });

  it('attribution window from a select or effectEqual', () => {
    expect(pageAttr(document, { search: '', hash: '#!/x?effectEqual=7' })).toBe('7');
    set('<select><option>3天归因</option><option selected>30天归因</option></select>');
    expect(pageAttr(document, { search: '', hash: '#!/x?effectEqual=7' })).toBe('30');
  });
});
