import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { fixture } from '../helpers';
import { adMsg, KNOWN_A } from './ad-capture';

const URL_Q = 'https://tuijian.taobao.com/api2/report/campaign/list.json?startTime=2026-05-26&endTime=2026-06-01&effect=15&effectType=click';
const CASES = [
  ['campaign', 'report-campaign.json'],
  ['crowd per day', 'report-crowd-day.json'],
] as const;

describe('yinli fuzz: 10,000 mutated payloads per report shape, no throw, nothing invalid', { timeout: 60_000 }, () => {
  it.each(CASES)('%s', (_n, file) => {
    const payload = JSON.parse(fixture('yinli', file));
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, file.length)) {
      expectValidResult(processCapture(adMsg(URL_Q, text, undefined, { method: 'GET' }), KNOWN_A));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });
});
