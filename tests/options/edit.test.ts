import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/database';
import { OPTIONS_MESSAGES, ot } from '@/lib/i18n/options';
import { checkThreshold, editSettings, isShare, parseCategories, withoutRule, withProfileField, withThreshold } from '@/lib/options/edit';
import type { ThresholdDef } from '@/lib/rules/types';
import { DEFAULT_SETTINGS, getSettings, SettingsSchema } from '@/lib/settings';

const DEF: ThresholdDef = { default: 0.15, min: 0.05, max: 0.8, label: { zh: '相对下降阈值', en: 'Relative drop' }, source: '[H]' };

describe('options edits', () => {
  it('defaults: notifications off, annotations on (empty map), keep everything', () => {
    expect(DEFAULT_SETTINGS.notifications).toEqual({ enabled: false, areas: {}, since: 0 });
    expect(DEFAULT_SETTINGS.annotations).toEqual({});
    expect(DEFAULT_SETTINGS.retentionDays).toBeNull();
    // A row written before these fields existed still parses.
    expect(SettingsSchema.parse({ language: 'en', thresholds: {} }).notifications.enabled).toBe(false);
  });

  it('validates a threshold against its bounds', () => {
    expect(checkThreshold(DEF, '0.2')).toEqual({ ok: true, value: 0.2 });
    expect(checkThreshold(DEF, ' 0.8 ')).toEqual({ ok: true, value: 0.8 });
    expect(checkThreshold(DEF, '0.01')).toEqual({ ok: false, error: 'min', bound: 0.05 });
    expect(checkThreshold(DEF, '2')).toEqual({ ok: false, error: 'max', bound: 0.8 });
    expect(checkThreshold(DEF, 'abc')).toEqual({ ok: false, error: 'nan' });
    expect(checkThreshold(DEF, '')).toEqual({ ok: false, error: 'nan' });
    expect(isShare(DEF)).toBe(true);
  });

  it('stores only overrides; a value back at its default or a reset removes them', () => {
    const a = withThreshold({}, 'da-01-conversion', 'dropPct', 0.2, DEF);
    expect(a).toEqual({ 'da-01-conversion': { dropPct: 0.2 } });
    expect(withThreshold(a, 'da-01-conversion', 'dropPct', 0.15, DEF)).toEqual({});
    expect(withoutRule({ ...a, other: { x: 1 } }, 'da-01-conversion')).toEqual({ other: { x: 1 } });
  });

  it('sets and clears profile fields; an empty profile disappears', () => {
    const p = withProfileField({}, 'S', 'grossMargin', 0.35);
    expect(p).toEqual({ S: { grossMargin: 0.35 } });
    expect(withProfileField(p, 'S', 'grossMargin', undefined)).toEqual({});
  });

  it('splits 主营类目 free text', () => {
    expect(parseCategories('四件套、被芯，枕头; 四件套\n  凉席 ')).toEqual(['四件套', '被芯', '枕头', '凉席']);
    expect(parseCategories(' , ')).toEqual([]);
  });

  it('edits the settings row in one transaction without losing concurrent edits', async () => {
    const db = getDb();
    await db.delete();
    await db.open();
    await Promise.all([
      editSettings(db, (s) => ({ thresholds: withThreshold(s.thresholds, 'r1', 'dropPct', 0.3, DEF) })),
      editSettings(db, (s) => ({ profiles: withProfileField(s.profiles, 'S', 'leadTimeDays', 20) })),
      editSettings(db, (s) => ({ thresholds: withThreshold(s.thresholds, 'r2', 'dropPct', 0.4, DEF) })),
    ]);
    const s = await getSettings(db);
    expect(s.thresholds).toEqual({ r1: { dropPct: 0.3 }, r2: { dropPct: 0.4 } });
    expect(s.profiles).toEqual({ S: { leadTimeDays: 20 } });
  });

  it('every options string exists in zh and en; placeholders are filled as text', () => {
    for (const [k, v] of Object.entries(OPTIONS_MESSAGES.zh)) {
      expect(v, k).not.toBe('');
      expect(OPTIONS_MESSAGES.en[k as keyof typeof OPTIONS_MESSAGES.en], k).toBeTruthy();
    }
    expect(ot('zh', 'willDelete', { n: '1.2万', date: '2026-01-01' })).toBe('将删除早于 2026-01-01 的 1.2万 条记录。');
    expect(ot('en', 'deleted', { shop: '<b>x</b>', n: 3 })).toBe('Deleted "<b>x</b>": 3 records');
  });
});
