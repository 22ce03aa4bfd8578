import { z } from 'zod';

/** Kinds of things a fact can describe. Peer = the console's own 同行平均/同行优秀 benchmark block. */
export const ENTITY_KINDS = [
  'shop',
  'peer',
  'item',
  'sku',
  'source',
  'keyword',
  'campaign',
  'adgroup',
  'crowd',
  'creative',
  'agent',
  'content',
  'activity',
  'rivalShop',
  'rivalItem',
  'category',
  'brand',
] as const;
export const EntityKindSchema = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKindSchema>;

/**
 * Grain of the period a fact covers. `live` = today so far (never mixed with closed days),
 * `range` = a multi-day window such as recent7 (its end date is a dimension).
 */
export const GRAINS = ['day', 'week', 'month', 'range', 'live', 'snapshot'] as const;
export const GrainSchema = z.enum(GRAINS);
export type Grain = z.infer<typeof GrainSchema>;

export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ProvenanceSchema = z.object({
  adapter: z.string(),
  route: z.string(),
  pageUrl: z.string().optional(),
  imported: z.boolean().optional(),
});

/** One entity on one period with its metric values; the unit of storage. */
export const FactSchema = z.object({
  id: z.string(),
  shopId: z.string().min(1),
  entityKind: EntityKindSchema,
  entityId: z.string().min(1),
  entityName: z.string().optional(),
  grain: GrainSchema,
  /** Business date (Asia/Shanghai) of the period's first day. */
  date: DateSchema,
  /** Dimensions that change the meaning of a number (device, attribution window, range end…). */
  dims: z.record(z.string(), z.string()),
  /** Metric id (catalog) → number. Index-kind metrics hold the index, never a real value. */
  values: z.record(z.string(), z.number().finite()),
  /** Range-kind metrics: both bounds. */
  ranges: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
  /** The console's own 环比 (cycleCrc) per metric, as a decimal. */
  crc: z.record(z.string(), z.number().finite()).optional(),
  source: ProvenanceSchema,
  capturedAt: z.number(),
  updatedAt: z.number(),
});
export type Fact = z.infer<typeof FactSchema>;

/** What an adapter produces: a fact without storage bookkeeping. */
export type FactDraft = Omit<Fact, 'id' | 'shopId' | 'capturedAt' | 'updatedAt' | 'source'>;

/** Adapters share one dims object across the rows of a report and never mutate it: cache its key. */
const dimsKeys = new WeakMap<Record<string, string>, string>();

export function dimsKey(dims: Record<string, string>): string {
  let k = dimsKeys.get(dims);
  if (k === undefined) {
    k = Object.keys(dims)
      .sort()
      .map((d) => `${d}=${dims[d]}`)
      .join('&');
    dimsKeys.set(dims, k);
  }
  return k;
}

/** The upsert key: shop + entity + grain + business date + meaning-changing dimensions. */
export function factId(f: Pick<Fact, 'shopId' | 'entityKind' | 'entityId' | 'grain' | 'date' | 'dims'>): string {
  return [f.shopId, f.entityKind, f.entityId, f.grain, f.date, dimsKey(f.dims)].join('|');
}
