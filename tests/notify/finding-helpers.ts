import type { Finding } from '@/lib/schema/finding';

/** A stored finding with sensible defaults, for digest and notification tests. */
export function finding(p: Partial<Finding> & { id: string }): Finding {
  const shopId = p.shopId ?? '106033221';
  return {
    ruleId: p.id.split('|')[0] ?? 'da-01-pay-amount',
    shopId,
    area: 'DA',
    status: 'fired',
    severity: 'P1',
    entity: { kind: 'shop', id: shopId },
    period: { from: '2026-06-01', to: '2026-06-01' },
    title: { zh: '支付金额下降', en: 'Payment amount dropped' },
    detail: { zh: '', en: '' },
    suggestion: { zh: '', en: '' },
    evidence: [],
    thresholds: {},
    thresholdsAreDefaults: true,
    fingerprint: 'fp1',
    firstSeenAt: 1000,
    updatedAt: 1000,
    ...p,
  };
}
