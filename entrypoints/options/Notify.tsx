import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/i18n';
import { AREA_LABELS } from '@/lib/i18n';
import { ot } from '@/lib/i18n/options';
import { DIGEST_SEVERITIES, digestText } from '@/lib/notify/digest';
import { editSettings } from '@/lib/options/edit';
import { AREAS } from '@/lib/schema/finding';
import type { Settings } from '@/lib/settings';

const PERMISSION: { permissions: ['notifications'] } = { permissions: ['notifications'] };

async function hasPermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains(PERMISSION);
  } catch {
    return false;
  }
}

export function Notify({ settings, lang }: { settings: Settings; lang: Lang }) {
  const prefs = settings.notifications;
  const [granted, setGranted] = useState<boolean | null>(null);
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    void hasPermission().then(setGranted);
  }, []);

  const preview = useLiveQuery(async () => {
    const db = getDb();
    const [findings, shops] = await Promise.all([
      db.findings.filter((f) => f.status === 'fired' && DIGEST_SEVERITIES.includes(f.severity)).toArray(),
      db.shops.toArray(),
    ]);
    const names = Object.fromEntries(shops.map((s) => [s.id, s.title]));
    const items = findings.filter((f) => prefs.areas[f.area] !== false);
    return items.length > 0 ? digestText(items, names, lang) : null;
  }, [lang, prefs.areas]);

  const toggle = async (on: boolean) => {
    setDenied(false);
    if (on) {
      // Must run in the click's user gesture: request first, store after.
      let ok = false;
      try {
        ok = await browser.permissions.request(PERMISSION);
      } catch {
        ok = false;
      }
      setGranted(ok);
      if (!ok) {
        setDenied(true);
        return;
      }
      await editSettings(getDb(), (s) => ({ notifications: { ...s.notifications, enabled: true, since: Date.now() } }));
    } else {
      await editSettings(getDb(), (s) => ({ notifications: { ...s.notifications, enabled: false } }));
      try {
        await browser.permissions.remove(PERMISSION);
      } catch {
        /* already gone */
      }
      setGranted(false);
    }
  };

  const setArea = (area: string, on: boolean) =>
    void editSettings(getDb(), (s) => ({ notifications: { ...s.notifications, areas: { ...s.notifications.areas, [area]: on } } }));

  return (
    <section id="notifications" aria-labelledby="h-notifications">
      <h2 id="h-notifications">{ot(lang, 'notifications')}</h2>
      <div className="card stack">
        <label className="row">
          <input type="checkbox" data-testid="notify-enabled" checked={prefs.enabled} onChange={(e) => void toggle(e.target.checked)} />
          <strong>{ot(lang, 'notifyEnable')}</strong>
        </label>
        <p className="muted small">{ot(lang, 'notifyHint')}</p>
        {denied ? <p className="warn small">{ot(lang, 'notifyDenied')}</p> : null}
        {prefs.enabled && granted === false ? <p className="warn small">{ot(lang, 'notifyMissing')}</p> : null}
        <fieldset className="areas" disabled={!prefs.enabled}>
          <legend className="small">{ot(lang, 'notifyAreas')}</legend>
          {AREAS.map((a) => (
            <label key={a} className="row small">
              <input type="checkbox" data-testid={`notify-area-${a}`} checked={prefs.areas[a] !== false} onChange={(e) => setArea(a, e.target.checked)} />
              {AREA_LABELS[a][lang]}
            </label>
          ))}
        </fieldset>
        <div>
          <div className="small muted">{ot(lang, 'notifyPreview')}</div>
          {preview ? (
            <div className="notify-preview" data-testid="notify-preview">
              <img src="/notify-icon.png" alt="" width={32} height={32} />
              <div>
                <div className="strong">{preview.title}</div>
                <div className="pre small">{preview.message}</div>
              </div>
            </div>
          ) : (
            <p className="small muted">{ot(lang, 'notifyNothing')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
