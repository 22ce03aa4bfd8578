import { z } from 'zod';
import { AreaSchema } from './finding';
import { DateSchema, EntityKindSchema } from './fact';

/** What the operator did. `other` carries its own label in `note`. */
export const ACTION_KINDS = [
  'raiseBid',
  'lowerBid',
  'pauseAds',
  'raiseBudget',
  'changeMainImage',
  'changeTitle',
  'changePrice',
  'joinActivity',
  'restock',
  'changeDetailPage',
  'serviceTraining',
  'other',
] as const;
export const ActionKindSchema = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKindSchema>;

/** One logged action (操作日志) tied to an entity and the business date it took effect. */
export const JournalEntrySchema = z.object({
  id: z.string().min(1),
  shopId: z.string().min(1),
  date: DateSchema,
  kind: ActionKindSchema,
  entity: z.object({ kind: EntityKindSchema, id: z.string().min(1), name: z.string().optional() }),
  /** Metric the operator expects to move (catalog id); the 复盘 compares it before/after. */
  metric: z.string().min(1),
  /** Days observed after the action (and the same number before it). */
  windowDays: z.number().int().min(1).max(60),
  note: z.string().max(2000).default(''),
  area: AreaSchema.optional(),
  /** Finding that prompted the action, if any. */
  findingId: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
