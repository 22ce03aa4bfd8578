import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import type { CaptureMessage } from '@/lib/schema/capture';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture, SHOP_A } from '../helpers';

const q = '?dateType=day&dateRange=2026-06-01%7C2026-06-01&device=2&belong=all&token=1aa656228&_=1';
const CASES = [
  ['source menu', '/flow/v3/shop/source/constitute/menu/v3.json', '', 'menu-v3.json'],
  ['source tree', '/flow/v5/shop/source/tree.json', '', 'tree-v5.json'],
  ['keyword drill-down', '/flow/v3/shop/source/detail.json', '&pageId=23.s1150&pPageId=23&childPageType=se_keyword', 'detail-se-keyword.json'],
  ['item source', '/flow/v4/item/source.json', '&itemId=680000000001', 'item-source-v4.json'],
  ['overview', '/flow/new/guide/trend/overview.json', '', 'overview.json'],
  ['source top', '/flow/v3/overview/shopFlowSourceTop/v4.json', '', 'source-top-v4.json'],
] as const;

describe('sycm-flow fuzz: 10,000 mutated payloads per route shape, no throw, nothing invalid', () => {
  it.each(CASES)(
    '%s',
    (_n, path, extra, file) => {
      const payload = JSON.parse(fixture('sycm-flow', file));
      let i = 0;
      for (const text of mutatedTexts(payload, 10_000, path.length + extra.length)) {
        expectValidResult(processCapture(captureMsg(`https://sycm.taobao.com${path}${q}${extra}`, text), []));
        i++;
      }
      if (i !== 10_000) throw new Error('not all mutations ran');
    },
    120_000,
  );

  it('keyword table (DOM reader)', () => {
    const payload = JSON.parse(fixture('sycm-flow', 'keyword-table.json'));
    const page = `https://sycm.taobao.com/flow/monitor/keyword_assistant${q}`;
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, 7)) {
      const msg: CaptureMessage = {
        meta: { kind: 'dom', method: 'DOM', url: page, adapter: 'sycm-flow', reader: 'keyword-table', status: 200, size: text.length },
        responseText: text,
        pageUrl: page,
        identity: SHOP_A,
        capturedAt: Date.UTC(2026, 5, 10, 2),
      };
      expectValidResult(processCapture(msg, []));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  }, 120_000);
});
