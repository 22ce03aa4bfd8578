import { describe, expect, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { captureMsg, fixture } from '../helpers';

const URL = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
const PAGE = 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm';
const SHOP = '106033221';
const NICK_ONLY = { via: 'cookie' as const, loginNick: '暖居家纺旗舰店:小王' };
const KNOWN = [{ id: SHOP, title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 }];
const form = (o: Record<string, string>) =>
  new URLSearchParams({ action: 'itemlist/SoldQueryAction', pageNum: '1', pageSize: '15', prePageNo: '1', orderStatus: '', tabCode: '', dateBegin: '0', dateEnd: '0', queryMore: 'false', isQnNew: 'true', ...o }).toString();

function run(body: string, params: Record<string, string> = {}, capturedAt = Date.UTC(2026, 5, 10, 2)) {
  const msg = captureMsg(URL, body, { method: 'POST', pageUrl: PAGE, identity: NICK_ONLY, capturedAt });
  if (msg.meta.kind !== 'dom') msg.meta.requestBody = form(params);
  return processCapture(msg, KNOWN);
}
const pick = (r: ReturnType<typeof run>, grain: string, date: string, status?: string) =>
  r.facts.find((f) => f.grain === grain && f.date === date && (status === undefined || f.dims.status === status));

describe('qianniu-trade adapter', () => {
  it('stores the tab total as a snapshot and only the complete middle day of page 2 (§11.12)', () => {
    const r = run(fixture('qianniu-trade', 'sold-page2.json'), { pageNum: '2' });
    expect(r.outcome).toBe('stored');
    expect(r.adapter).toBe('qianniu-trade');
    expect(pick(r, 'snapshot', '2026-06-10')).toMatchObject({ entityKind: 'shop', entityId: SHOP, dims: { scope: 'all' }, values: { soldListTotal: 30 } });
    expect(new Set(r.facts.filter((f) => f.grain === 'day').map((f) => f.date))).toEqual(new Set(['2026-06-02']));
    expect(pick(r, 'day', '2026-06-02', 'all')?.values).toEqual({ soldOrderCnt: 3, soldOrderAmt: 209.7, soldItemQty: 4 });
    expect(pick(r, 'day', '2026-06-02', 'SEND')?.values).toEqual({ soldOrderCnt: 2, soldOrderAmt: 149.8, soldItemQty: 3 });
    expect(pick(r, 'day', '2026-06-02', 'CLOSED')?.values).toEqual({ soldOrderCnt: 1, soldOrderAmt: 59.9, soldItemQty: 1 });
    // Known statuses absent that day are zero, so an order that moved on does not linger.
    expect(pick(r, 'day', '2026-06-02', 'PAID')?.values).toEqual({ soldOrderCnt: 0, soldOrderAmt: 0, soldItemQty: 0 });
    expect(pick(r, 'day', '2026-06-02', 'SEND')?.id).toBe(`${SHOP}|shop|${SHOP}|day|2026-06-02|scope=all&status=SEND`);
  });

  it('never stores buyer data: no nick, order id or title anywhere in facts or issues', () => {
    const r = run(fixture('qianniu-trade', 'sold-page2.json'), { pageNum: '2' });
    const text = JSON.stringify([r.facts, r.issues]);
    for (const s of ['t***', '3000000000', '示例商品', '黑色', 'buyer']) expect(text).not.toContain(s);
  });

  // The adapter is marked sensitive: processCapture keeps no raw sample of its replies.
  it('core: an unreadable (truncated) reply keeps no buyer data in the capture issues', () => {
    const text = fixture('qianniu-trade', 'sold-page2.json').slice(0, 150);
    const r = run(text);
    expect(r.outcome).toBe('rejected');
    expect(JSON.stringify(r.issues)).not.toMatch(/t\*\*\*|30000000000/);
  });

  it('a single-page list makes every day complete; page 1 without bounds makes the newest day complete', () => {
    const r = run(fixture('qianniu-trade', 'sold-one-day.json'));
    expect(pick(r, 'day', '2026-06-01', 'all')?.values).toEqual({ soldOrderCnt: 3, soldOrderAmt: 200, soldItemQty: 5 });
    expect(pick(r, 'day', '2026-06-01', 'SUCCESS')?.values.soldOrderCnt).toBe(2);
    const page1 = JSON.parse(fixture('qianniu-trade', 'sold-page2.json'));
    page1.page.currentPage = 1;
    const r1 = run(JSON.stringify(page1));
    expect(new Set(r1.facts.filter((f) => f.grain === 'day').map((f) => f.date))).toEqual(new Set(['2026-06-03', '2026-06-02']));
  });

  it('a whole-day 成交时间 window gives that day’s exact order count under its tab', () => {
    const body = JSON.stringify({ mainOrders: JSON.parse(fixture('qianniu-trade', 'sold-one-day.json')).mainOrders, page: { currentPage: 1, totalNumber: 152, totalPage: 11 } });
    const r = run(body, { tabCode: 'waitSend', dateBegin: '2026-06-01 00:00:00', dateEnd: '2026-06-01 23:59:59' });
    expect(r.facts.filter((f) => f.grain === 'snapshot')).toHaveLength(0);
    expect(pick(r, 'day', '2026-06-01', 'all')).toMatchObject({ dims: { scope: 'waitSend', status: 'all' }, values: { soldOrderCnt: 152 } });
    // Epoch-ms bounds (Beijing midnight … 23:59:59) mean the same.
    const ms = Date.UTC(2026, 4, 31, 16);
    const r2 = run(body, { dateBegin: String(ms), dateEnd: String(ms + 86_399_000) });
    expect(pick(r2, 'day', '2026-06-01', 'all')?.values.soldOrderCnt).toBe(152);
    // A window over several days is a range; one not on day edges stores no total.
    const r3 = run(body, { dateBegin: '2026-05-26', dateEnd: '2026-06-01' });
    expect(r3.facts.find((f) => f.grain === 'range')).toMatchObject({ date: '2026-05-26', dims: { scope: 'all', status: 'all', to: '2026-06-01' }, values: { soldOrderCnt: 152 } });
    const r4 = run(body, { dateBegin: '2026-06-01 08:00:00', dateEnd: '2026-06-01 23:59:59' });
    expect(r4.facts.some((f) => f.values.soldOrderCnt === 152)).toBe(false);
  });

  it('one-page whole-day window: the total and the amounts land on the same fact', () => {
    const r = run(fixture('qianniu-trade', 'sold-one-day.json'), { dateBegin: '2026-06-01', dateEnd: '2026-06-01' });
    const all = r.facts.filter((f) => f.date === '2026-06-01' && f.dims.status === 'all');
    expect(all).toHaveLength(1);
    expect(all[0]?.values).toEqual({ soldOrderCnt: 3, soldOrderAmt: 200, soldItemQty: 5 });
  });

  it('today’s orders are live, never a closed day', () => {
    const r = run(fixture('qianniu-trade', 'sold-one-day.json'), {}, Date.UTC(2026, 5, 1, 6));
    expect(r.facts.filter((f) => f.grain === 'day')).toHaveLength(0);
    expect(pick(r, 'live', '2026-06-01', 'all')?.values.soldOrderCnt).toBe(3);
  });

  it('GBK read as UTF-8: garbled status texts are pinned by the tab, or counted as unknown', () => {
    const body = fixture('qianniu-trade', 'sold-gbk-as-utf8.json');
    const pinned = run(body, { tabCode: 'waitSend' });
    expect(pick(pinned, 'day', '2026-06-01', 'PAID')?.values.soldOrderCnt).toBe(2);
    expect(pinned.issues.some((i) => i.message.includes('乱码'))).toBe(true);
    const all = run(body);
    expect(pick(all, 'day', '2026-06-01', 'unknown')?.values.soldOrderCnt).toBe(2);
    expect(pick(all, 'day', '2026-06-01', 'all')?.values.soldOrderCnt).toBe(2);
  });

  it('search filters (buyer nick, order id…) store nothing', () => {
    const r = run(fixture('qianniu-trade', 'sold-one-day.json'), { buyerNick: 'someone' });
    expect(r.facts).toHaveLength(0);
    expect(r.issues[0]?.message).toContain('搜索');
    expect(JSON.stringify(r.issues)).not.toContain('someone');
  });

  it('orders not sorted by time store no day aggregates; bad amounts drop only the amount', () => {
    const j = JSON.parse(fixture('qianniu-trade', 'sold-page2.json'));
    j.mainOrders.reverse();
    expect(run(JSON.stringify(j)).facts.filter((f) => f.grain === 'day')).toHaveLength(0);
    const k = JSON.parse(fixture('qianniu-trade', 'sold-one-day.json'));
    k.mainOrders[0].payInfo.actualFee = 'abc';
    const r = run(JSON.stringify(k));
    expect(pick(r, 'day', '2026-06-01', 'all')?.values).toEqual({ soldOrderCnt: 3, soldItemQty: 5 });
  });

  it('an empty tab stores its zero total', () => {
    const r = run(fixture('qianniu-trade', 'sold-empty.json'), { tabCode: 'waitSend' });
    expect(r.outcome).toBe('stored');
    expect(r.facts).toEqual([expect.objectContaining({ grain: 'snapshot', dims: { scope: 'waitSend' }, values: { soldListTotal: 0 } })]);
  });

  it.each([
    ['login page HTML', fixture('qianniu-item', 'login.html'), 'login'],
    ['other HTML', '<html><body>系统繁忙</body></html>', 'rejected'],
    ['not JSON', '{"mainOrders": [', 'rejected'],
    ['error object', JSON.stringify({ success: false, errorMsg: '系统繁忙' }), 'platform-error'],
    ['unknown object', JSON.stringify({ foo: 1 }), 'rejected'],
    ['page and orders unreadable', JSON.stringify({ mainOrders: null, page: 'x' }), 'rejected'],
  ])('%s → %s, nothing stored', (_n, body, outcome) => {
    const r = run(body);
    expect(r.outcome).toBe(outcome);
    expect(r.facts).toHaveLength(0);
  });

  it('handles 1,000 orders on one page', () => {
    const one = JSON.parse(fixture('qianniu-trade', 'sold-one-day.json')).mainOrders[1];
    const orders = Array.from({ length: 1000 }, (_, i) => ({ ...one, orderInfo: { createTime: `2026-06-0${9 - Math.floor(i / 200)} 10:00:00` } }));
    const r = run(JSON.stringify({ mainOrders: orders, page: { currentPage: 1, totalNumber: 1000, totalPage: 1 } }));
    expect(r.outcome).toBe('stored');
    expect(pick(r, 'day', '2026-06-05', 'all')?.values).toEqual({ soldOrderCnt: 200, soldOrderAmt: 20000, soldItemQty: 600 });
  });
});
