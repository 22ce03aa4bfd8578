import { z } from 'zod';
import type { OpsRadarDB } from './db/database';

export const SettingsSchema = z.object({
  language: z.enum(['zh', 'en']).default('zh'),
  capturePaused: z.boolean().default(false),
  /** Per-rule threshold overrides: ruleId → { name: value }. Defaults live in each rule. */
  thresholds: z.record(z.string(), z.record(z.string(), z.number())).default({}),
  /** Per-shop operator numbers (options page): 毛利率, 提前期, 月目标, 归因窗口. */
  profiles: z
    .record(
      z.string(),
      z.object({
        grossMargin: z.number().min(0).max(0.95).optional(),
        leadTimeDays: z.number().min(0).max(180).optional(),
        monthlyTarget: z.number().min(0).optional(),
        attributionDays: z.union([z.literal(1), z.literal(3), z.literal(7), z.literal(15), z.literal(30)]).optional(),
        /** 主营类目, free text (options page). */
        mainCategories: z.array(z.string().max(40)).max(30).optional(),
      }),
    )
    .default({}),
  /** Digest of new P0/P1 findings: opt-in (the `notifications` permission is optional); areas missing = on; since = opt-in time. */
  notifications: z
    .object({ enabled: z.boolean().default(false), areas: z.record(z.string(), z.boolean()).default({}), since: z.number().default(0) })
    .prefault({}),
  /** Per page family (adapter id): annotate the console page; missing = on. */
  annotations: z.record(z.string(), z.boolean()).default({}),
  /** Keep this many days of facts (by business date); null = keep everything. */
  retentionDays: z.number().int().min(30).max(3650).nullable().default(null),
  /** Shop the side panel shows when the current tab does not say. */
  currentShopId: z.string().nullable().default(null),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Settings stored as one row; a corrupt row falls back to defaults instead of breaking the UI. */
export async function getSettings(db: OpsRadarDB): Promise<Settings> {
  const row = await db.settings.get('settings');
  const parsed = SettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function updateSettings(db: OpsRadarDB, patch: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const next = SettingsSchema.parse({ ...(await getSettings(db)), ...patch });
    await db.settings.put({ key: 'settings', value: next });
    return next;
  });
}
