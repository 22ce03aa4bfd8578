import type { OpsRadarDB } from '@/lib/db/database';
import { type Fact, factId } from '@/lib/schema/fact';
import type { Finding } from '@/lib/schema/finding';
import type { Shop } from '@/lib/schema/shop';

export const SHOP = '106033221';
export const SHOP_NAME = '暖居家纺旗舰店';

export function makeFact(p: Partial<Fact> & { date: string }, values: Record<string, number> = { payAmt: 1234.5, uv: 321 }): Fact {
  const base = {
    shopId: p.shopId ?? SHOP,
    entityKind: p.entityKind ?? 'shop',
    entityId: p.entityId ?? p.shopId ?? SHOP,
    grain: p.grain ?? 'day',
    date: p.date,
    dims: p.dims ?? {},
  };
  const f: Fact = {
    ...base,
    id: factId(base),
    values,
    source: p.source ?? { adapter: 'sycm-home', route: 'trend' },
    capturedAt: p.capturedAt ?? Date.parse('2026-11-22T02:00:00Z'),
    updatedAt: p.updatedAt ?? Date.parse('2026-11-22T02:00:00Z'),
  };
  if (p.entityName !== undefined) f.entityName = p.entityName;
  if (p.ranges) f.ranges = p.ranges;
  if (p.crc) f.crc = p.crc;
  return f;
}

export function makeShop(id = SHOP, title = SHOP_NAME): Shop {
  return { id, title, mainUserId: '2206514830', mainUserName: title, firstSeenAt: 1_700_000_000_000, lastSeenAt: 1_760_000_000_000 };
}

export function makeFinding(p: Partial<Finding> = {}): Finding {
  return {
    id: p.id ?? `da-01-visitors|${SHOP}|shop|${SHOP}`,
    ruleId: 'da-01-visitors',
    shopId: p.shopId ?? SHOP,
    area: p.area ?? 'DA',
    status: p.status ?? 'fired',
    severity: p.severity ?? 'P1',
    entity: p.entity ?? { kind: 'shop', id: SHOP },
    period: p.period ?? { from: '2026-11-20', to: '2026-11-20' },
    title: p.title ?? { zh: '访客数下降 27%', en: 'Visitors down 27%' },
    detail: { zh: '与近4周同一星期几的中位数相比', en: 'vs same weekday median' },
    suggestion: p.suggestion ?? { zh: '查看流量来源，找出下降的渠道', en: 'Check traffic sources' },
    evidence: p.evidence ?? [
      { label: { zh: '访客数', en: 'Visitors' }, value: 3120, format: 'count' },
      { label: { zh: '变化', en: 'Change' }, value: -0.27, format: 'pct-change' },
    ],
    thresholds: { drop: 0.15 },
    thresholdsAreDefaults: true,
    fingerprint: 'x',
    firstSeenAt: 1,
    updatedAt: p.updatedAt ?? 100,
  };
}

export async function resetDb(db: OpsRadarDB): Promise<void> {
  await db.delete();
  await db.open();
}

/** Collect a ByteSink's output. */
export function collector() {
  const chunks: Uint8Array[] = [];
  return {
    sink: (c: Uint8Array) => {
      chunks.push(c);
    },
    chunks,
    bytes(): Uint8Array {
      const n = chunks.reduce((a, c) => a + c.length, 0);
      const out = new Uint8Array(n);
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
      return out;
    },
    text(): string {
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(this.bytes());
    },
  };
}

/** Minimal RFC 4180 parser (for checking our own output). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
