import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { captureMsg, fixture, sycmUrl } from '../helpers';

const CASES = [
  ['overview', '/portal/coreIndex/new/overview/v3.json', 'overview-v3.json'],
  ['trend aligned', '/portal/coreIndex/new/trend/v3.json', 'trend-v3-aligned.json'],
  ['trend rows', '/portal/coreIndex/new/trend/v2.json', 'trend-v2-rows.json'],
  ['table rows', '/portal/coreIndex/new/getTableData/v3.json', 'table-rows.json'],
] as const;

describe('sycm-home fuzz: 10,000 mutated payloads per route shape, no throw, nothing invalid', () => {
  it.each(CASES)('%s', (_n, path, file) => {
    const payload = JSON.parse(fixture('sycm-home', file));
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, path.length)) {
      expectValidResult(processCapture(captureMsg(sycmUrl(path, '2026-06-01'), text), []));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });
});
