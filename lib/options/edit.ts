/**
 * Settings edits made by the options page, as pure functions over the settings row plus one
 * read-modify-write transaction (two quick edits must not overwrite each other).
 */
import type { OpsRadarDB } from '../db/database';
import type { ThresholdDef } from '../rules/types';
import { getSettings, type Settings, SettingsSchema } from '../settings';

export type Profile = Settings['profiles'][string];
export type Thresholds = Settings['thresholds'];

/** Apply `fn` to the current settings and store the result, in one transaction. */
export async function editSettings(db: OpsRadarDB, fn: (s: Settings) => Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.settings, async () => {
    const cur = await getSettings(db);
    const next = SettingsSchema.parse({ ...cur, ...fn(cur) });
    await db.settings.put({ key: 'settings', value: next });
    return next;
  });
}

export type Checked = { ok: true; value: number } | { ok: false; error: 'nan' | 'min' | 'max'; bound?: number };

/** Validate a typed number against bounds. */
export function checkNumber(raw: string, min: number, max: number): Checked {
  const s = raw.trim().replace(/[,，]/g, '');
  const v = s === '' ? Number.NaN : Number(s);
  if (!Number.isFinite(v)) return { ok: false, error: 'nan' };
  if (v < min) return { ok: false, error: 'min', bound: min };
  if (v > max) return { ok: false, error: 'max', bound: max };
  return { ok: true, value: v };
}

export function checkThreshold(def: ThresholdDef, raw: string): Checked {
  return checkNumber(raw, def.min, def.max);
}

/** Set one threshold; a value equal to the default is stored as "no override". */
export function withThreshold(all: Thresholds, ruleId: string, key: string, value: number, def: ThresholdDef): Thresholds {
  const own = { ...(all[ruleId] ?? {}) };
  if (value === def.default) delete own[key];
  else own[key] = value;
  const { [ruleId]: _old, ...rest } = all;
  return Object.keys(own).length > 0 ? { ...rest, [ruleId]: own } : rest;
}

export function withoutRule(all: Thresholds, ruleId: string): Thresholds {
  const { [ruleId]: _old, ...rest } = all;
  return rest;
}

/** Set (or clear, with undefined) one field of a shop's profile; an empty profile is removed. */
export function withProfileField<K extends keyof Profile>(
  profiles: Settings['profiles'],
  shopId: string,
  key: K,
  value: Profile[K] | undefined,
): Settings['profiles'] {
  const own: Profile = { ...(profiles[shopId] ?? {}) };
  if (value === undefined) delete own[key];
  else own[key] = value;
  const { [shopId]: _old, ...rest } = profiles;
  return Object.keys(own).length > 0 ? { ...rest, [shopId]: own } : rest;
}

/** 主营类目 typed as free text: split on commas, 、, semicolons or new lines; trimmed, unique, bounded. */
export function parseCategories(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、;；\n]+/)) {
    const c = part.trim().slice(0, 40);
    if (c && !out.includes(c)) out.push(c);
  }
  return out.slice(0, 30);
}

/** Whether a number is a share (shown with a % hint next to the raw decimal). */
export function isShare(def: ThresholdDef): boolean {
  return def.min >= 0 && def.max <= 1;
}
