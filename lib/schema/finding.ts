import { z } from 'zod';
import { DateSchema, EntityKindSchema } from './fact';

export const AREAS = ['SEL', 'ADS', 'ACT', 'CS', 'DA', 'CNT', 'SC', 'TEAM'] as const;
export const AreaSchema = z.enum(AREAS);
export type Area = z.infer<typeof AreaSchema>;

export const SeveritySchema = z.enum(['P0', 'P1', 'P2', 'P3']);
export type Severity = z.infer<typeof SeveritySchema>;

const Text = z.object({ zh: z.string(), en: z.string() });

/** One number shown as evidence: metric (catalog id) or a plain label, value, how to format it. */
export const EvidenceSchema = z.object({
  label: Text,
  value: z.number().nullable(),
  format: z.enum(['CNY', 'count', 'ratio', 'pct-change', 'z', 'plain', 'days', 'seconds', 'hours']),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  /** ruleId|shopId|entityKind|entityId — one live finding per rule and entity. */
  id: z.string(),
  ruleId: z.string(),
  shopId: z.string(),
  area: AreaSchema,
  /** ok = checked and fine; insufficient = 数据不足; error = the rule itself failed. */
  status: z.enum(['fired', 'ok', 'insufficient', 'not-applicable', 'error']),
  severity: SeveritySchema,
  entity: z.object({ kind: EntityKindSchema, id: z.string(), name: z.string().optional() }),
  period: z.object({ from: DateSchema, to: DateSchema }),
  title: Text,
  /** What happened, compared with what, why it matters. */
  detail: Text,
  suggestion: Text,
  evidence: z.array(EvidenceSchema),
  /** Threshold(s) used and whether they were defaults. */
  thresholds: z.record(z.string(), z.number()),
  thresholdsAreDefaults: z.boolean(),
  baseline: z.object({ method: Text, value: z.number().nullable() }).optional(),
  link: z.object({ url: z.string(), label: Text }).optional(),
  /** Content hash of what the user sees: an unchanged finding is not re-announced. */
  fingerprint: z.string(),
  firstSeenAt: z.number(),
  updatedAt: z.number(),
});
export type Finding = z.infer<typeof FindingSchema>;
