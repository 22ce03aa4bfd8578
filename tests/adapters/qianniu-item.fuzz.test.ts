import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture } from '../helpers';

const URL = 'https://h5api.m.taobao.com/h5/mtop.tmall.sell.pc.manage.async/1.0/?api=mtop.tmall.sell.pc.manage.async&v=1.0&type=originaljson';

describe('qianniu-item fuzz: 10,000 mutated payloads per shape, no throw, nothing invalid', () => {
  const env = JSON.parse(fixture('qianniu-item', 'manage-table.json'));
  const parsed = { ...env, data: { result: JSON.parse(env.data.result) } };
  it.each([
    ['result as JSON string', env],
    ['result as object (mutations reach the rows)', parsed],
  ])('%s', (_n, payload) => {
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, 11 + i)) {
      expectValidResult(processCapture(captureMsg(URL, text), []));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  }, 120_000);
});
