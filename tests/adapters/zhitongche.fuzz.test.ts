import { describe, it } from 'vitest';
import { processCapture } from '@/lib/capture/process';
import { expectValidResult, mutatedTexts } from '../fuzz/mutate';
import { fixture } from '../helpers';
import { adMsg, KNOWN_A } from './ad-capture';

const RPT = 'https://subway.simba.taobao.com/openapi/param2/1/gateway.subway/rpt';
const QP = JSON.parse(fixture('zhitongche', 'rpt-campaign-list.queryParam.json'));
const form = (qp: string) => new URLSearchParams({ queryParam: qp, sla: 'json', isAjaxRequest: 'true', token: 't' }).toString();
const CASES = [
  ['campaign list', 'rptCampaignList', 'rpt-campaign-list.json'],
  ['campaign by day', 'rptCampaignByDay', 'rpt-campaign-byday.json'],
  ['campaign total', 'rptCampaignTotal', 'rpt-campaign-total.json'],
  ['keyword list', 'rptBidwordList', 'rpt-bidword-list.json'],
] as const;

describe('zhitongche fuzz: 10,000 mutated payloads per report shape, no throw, nothing invalid', { timeout: 60_000 }, () => {
  it.each(CASES)('%s', (_n, name, file) => {
    const payload = JSON.parse(fixture('zhitongche', file));
    const qps = [...mutatedTexts({ ...QP, campaignId: 70000001 }, 500, name.length + 3)];
    let i = 0;
    for (const text of mutatedTexts(payload, 10_000, name.length)) {
      const qp = i % 4 === 3 ? (qps[i % qps.length] ?? '') : JSON.stringify({ ...QP, campaignId: 70000001 });
      expectValidResult(processCapture(adMsg(`${RPT}/${name}$`, text, form(qp)), KNOWN_A));
      i++;
    }
    if (i !== 10_000) throw new Error('not all mutations ran');
  });
});
