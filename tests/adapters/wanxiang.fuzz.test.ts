import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { fixture } from '../helpers';
import { adMsg, KNOWN_A } from './ad-capture';

const Q = '?csrfId=c8e1f0a2b3d4_1_1_1&bizCode=universalBP';
const CASES = [
  ['account × scene', '/report/query.json', 'report-account-scene'],
  ['campaign range', '/report/query.json', 'report-campaign-range'],
  ['bidword', '/report/query.json', 'report-bidword'],
  ['crowd', '/report/query.json', 'report-crowd'],
  ['campaign list', '/campaign/horizontal/findPage.json', 'campaign-list'],
] as const;

describe('wanxiang fuzz: 10,000 mutated payloads per route shape (and mutated request bodies), no throw, nothing invalid', { timeout: 60_000 }, () => {
  it.each(CASES)('%s', (_n, path, name) => {
    const payload = JSON.parse(fixture('wanxiang', `${name}.json`));
    const body = JSON.parse(fixture('wanxiang', `${name}.request.json`));
    const bodies = [...mutatedTexts(body, 500, name.length + 7)];
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, name.length)) {
      // Every 4th capture also gets a mutated request body.
      const b = i % 4 === 3 ? bodies[i % bodies.length] : JSON.stringify(body);
      expectValidResult(processCapture(adMsg(`https://one.alimama.com${path}${Q}`, text, b), KNOWN_A));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });

  it('charge sum', () => {
    const payload = JSON.parse(fixture('wanxiang', 'charge-sum.json'));
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, 3)) {
      expectValidResult(
        processCapture(adMsg(`https://one.alimama.com/report/chargeSum.json${Q}`, text, '{"startTime":"2026-06-01","endTime":"2026-06-01"}'), KNOWN_A),
      );
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });
});
