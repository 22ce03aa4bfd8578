import { describe, expect, it } from 'vitest';
import { digestText, EMPTY_NOTIFY_STATE, type NotifyPrefs, parseNotifyState, selectNew } from '@/lib/notify/digest';
import { finding } from './finding-helpers';

const ON: NotifyPrefs = { enabled: true, areas: {}, since: 0 };
const S = '106033221';

describe('selectNew', () => {
  it('announces fired P0/P1 only, most urgent first', () => {
    const list = [
      finding({ id: 'a', severity: 'P1', updatedAt: 5 }),
      finding({ id: 'b', severity: 'P0', updatedAt: 4 }),
      finding({ id: 'c', severity: 'P2' }),
      finding({ id: 'd', severity: 'P0', status: 'insufficient' }),
      finding({ id: 'e', severity: 'P0', status: 'ok' }),
    ];
    const { items, next } = selectNew(list, S, EMPTY_NOTIFY_STATE, ON, 100);
    expect(items.map((f) => f.id)).toEqual(['b', 'a']);
    expect(Object.keys(next.announced).sort()).toEqual(['a', 'b']);
    expect(next.lastDigestAt).toBe(100);
  });

  it('never re-announces an unchanged finding, nor a changed one in the same episode', () => {
    const first = selectNew([finding({ id: 'a' })], S, EMPTY_NOTIFY_STATE, ON, 100);
    const again = selectNew([finding({ id: 'a' })], S, first.next, ON, 200);
    expect(again.items).toEqual([]);
    const changed = selectNew([finding({ id: 'a', fingerprint: 'fp2', updatedAt: 150 })], S, again.next, ON, 300);
    expect(changed.items).toEqual([]);
    expect(changed.next.announced.a?.fingerprint).toBe('fp2');
    expect(changed.next.lastDigestAt).toBe(100);
  });

  it('announces an escalation (P1 → P0) and a re-fire after recovery', () => {
    const first = selectNew([finding({ id: 'a' })], S, EMPTY_NOTIFY_STATE, ON, 100);
    const up = selectNew([finding({ id: 'a', severity: 'P0', fingerprint: 'fp2' })], S, first.next, ON, 200);
    expect(up.items.map((f) => f.id)).toEqual(['a']);
    const recovered = selectNew([finding({ id: 'a', status: 'ok' })], S, up.next, ON, 300);
    expect(recovered.next.announced).toEqual({});
    const refired = selectNew([finding({ id: 'a', fingerprint: 'fp3', updatedAt: 400 })], S, recovered.next, ON, 400);
    expect(refired.items.map((f) => f.id)).toEqual(['a']);
  });

  it('filters by the per-area toggles and by the opt-in time', () => {
    const list = [
      finding({ id: 'da', area: 'DA', updatedAt: 50 }),
      finding({ id: 'ads', area: 'ADS', updatedAt: 50 }),
      finding({ id: 'old', area: 'SC', updatedAt: 5 }),
    ];
    const { items, next } = selectNew(list, S, EMPTY_NOTIFY_STATE, { enabled: true, areas: { DA: false }, since: 10 }, 100);
    expect(items.map((f) => f.id)).toEqual(['ads']);
    expect(Object.keys(next.announced)).toEqual(['ads']);
  });

  it("keeps other shops' memory and drops this shop's entries that are gone", () => {
    const state = {
      announced: {
        x: { shopId: 'other', severity: 'P0' as const, fingerprint: 'f', at: 1 },
        gone: { shopId: S, severity: 'P1' as const, fingerprint: 'f', at: 1 },
      },
      lastDigestAt: 1,
    };
    const { next } = selectNew([], S, state, ON, 100);
    expect(Object.keys(next.announced)).toEqual(['x']);
  });

  it('reads a corrupt memory row as empty', () => {
    expect(parseNotifyState(null)).toEqual(EMPTY_NOTIFY_STATE);
    expect(parseNotifyState({ announced: 3, lastDigestAt: 'x' })).toEqual(EMPTY_NOTIFY_STATE);
  });
});

describe('digestText', () => {
  const items = [
    finding({ id: 'a', severity: 'P1', title: { zh: '访客数下降', en: 'Visitors dropped' }, updatedAt: 3 }),
    finding({ id: 'b', severity: 'P0', title: { zh: '爆款断货', en: 'Hot item out of stock' }, entity: { kind: 'item', id: '1', name: '纯棉四件套' } }),
    finding({ id: 'c', severity: 'P1', title: { zh: '支付转化率下降', en: 'Conversion dropped' }, updatedAt: 2 }),
    finding({ id: 'd', severity: 'P1', title: { zh: '退款率偏高', en: 'Refund rate high' }, updatedAt: 1 }),
  ];
  const names = { [S]: '暖居家纺旗舰店' };

  it('zh: title with the count, top 3 with shop name, then the rest counted', () => {
    expect(digestText(items, names, 'zh')).toEqual({
      title: '运营雷达 · 新问题 4 条',
      message: [
        '⛔紧急 暖居家纺旗舰店：爆款断货（纯棉四件套）',
        '⚠重要 暖居家纺旗舰店：访客数下降',
        '⚠重要 暖居家纺旗舰店：支付转化率下降',
        '…另有 1 条，点击查看',
      ].join('\n'),
    });
  });

  it('en', () => {
    const one = digestText([items[0] as (typeof items)[0]], names, 'en');
    expect(one).toEqual({ title: 'OpsRadar · 1 new issue', message: '⚠High 暖居家纺旗舰店: Visitors dropped' });
    expect(digestText(items, names, 'en').title).toBe('OpsRadar · 4 new issues');
    expect(digestText(items, names, 'en').message.split('\n').at(-1)).toBe('…and 1 more, click to view');
  });
});
