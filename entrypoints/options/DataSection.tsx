import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db/database';
import { countShopFacts } from '@/lib/db/queries';
import { countFactsBefore, retentionCutoff } from '@/lib/db/retention';
import { formatCount } from '@/lib/format';
import type { Lang } from '@/lib/i18n';
import { ot } from '@/lib/i18n/options';
import { sendMessage } from '@/lib/messaging/protocol';
import { editSettings } from '@/lib/options/edit';
import type { Shop } from '@/lib/schema/shop';
import type { Settings } from '@/lib/settings';

const PRESETS = [730, 400, 365, 180, 120, 90, 30];

function Retention({ settings, lang }: { settings: Settings; lang: Lang }) {
  const days = settings.retentionDays;
  const cutoff = retentionCutoff(days);
  const [result, setResult] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const n = useLiveQuery(() => (cutoff ? countFactsBefore(getDb(), cutoff) : 0), [cutoff]);
  const options = days !== null && !PRESETS.includes(days) ? [...PRESETS, days].sort((a, b) => b - a) : PRESETS;
  const apply = async () => {
    setBusy(true);
    try {
      const r = await sendMessage('applyRetention', {});
      setResult(r.deleted);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card stack">
      <strong>{ot(lang, 'retention')}</strong>
      <p className="muted small">{ot(lang, 'retentionHint')}</p>
      <label className="row">
        <span>{ot(lang, 'keepDays')}</span>
        <select
          data-testid="retention"
          value={days ?? ''}
          onChange={(e) => {
            setResult(null);
            void editSettings(getDb(), () => ({ retentionDays: e.target.value === '' ? null : Number(e.target.value) }));
          }}
        >
          <option value="">{ot(lang, 'keepAll')}</option>
          {options.map((d) => (
            <option key={d} value={d}>
              {d} {lang === 'zh' ? '天' : 'days'}
            </option>
          ))}
        </select>
      </label>
      {cutoff && n !== undefined ? (
        <div className="row wrap small" data-testid="retention-preview">
          <span>{n > 0 ? ot(lang, 'willDelete', { n: formatCount(n, lang), date: cutoff }) : ot(lang, 'nothingToDelete', { date: cutoff })}</span>
          {n > 0 ? (
            <button type="button" onClick={() => void apply()} disabled={busy} data-testid="retention-apply">
              {ot(lang, 'applyNow')}
            </button>
          ) : null}
        </div>
      ) : null}
      {result !== null ? <p className="small ok-text">{ot(lang, 'applied', { n: formatCount(result, lang) })}</p> : null}
    </div>
  );
}

function DeleteShop({ shops, lang }: { shops: Shop[]; lang: Lang }) {
  const [picked, setPicked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ shop: string; n: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const shop = shops.find((s) => s.id === picked) ?? shops[0];
  const n = useLiveQuery(() => (shop ? countShopFacts(getDb(), shop.id) : 0), [shop?.id]);
  const run = async () => {
    if (!shop) return;
    setBusy(true);
    try {
      const r = await sendMessage('deleteShopData', { shopId: shop.id });
      setResult({ shop: shop.title, n: r.facts });
      setConfirming(false);
      setPicked(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card stack">
      <strong>{ot(lang, 'deleteShop')}</strong>
      <p className="muted small">{ot(lang, 'deleteShopHint')}</p>
      {shops.length === 0 || !shop ? (
        <p className="muted small">{ot(lang, 'noShops')}</p>
      ) : (
        <>
          <div className="row wrap">
            <select
              aria-label={ot(lang, 'deleteShop')}
              data-testid="delete-shop-select"
              value={shop.id}
              onChange={(e) => {
                setPicked(e.target.value);
                setConfirming(false);
                setResult(null);
              }}
            >
              {shops.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>
            <span className="muted small">{n === undefined ? '' : `${formatCount(n, lang)} ${lang === 'zh' ? '条记录' : 'records'}`}</span>
            {!confirming ? (
              <button type="button" className="danger-outline" onClick={() => setConfirming(true)} data-testid="delete-shop">
                {ot(lang, 'deleteShopButton')}
              </button>
            ) : null}
          </div>
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-labelledby="delete-confirm-text" data-testid="delete-confirm">
              <p id="delete-confirm-text">{ot(lang, 'deleteConfirm', { shop: shop.title, n: formatCount(n ?? 0, lang) })}</p>
              <div className="row">
                <button type="button" className="danger" onClick={() => void run()} disabled={busy} data-testid="delete-shop-yes">
                  {ot(lang, 'deleteYes')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {ot(lang, 'cancel')}
                </button>
              </div>
            </div>
          ) : null}
        </>
      )}
      {result ? (
        <p className="small ok-text" data-testid="delete-result">
          {ot(lang, 'deleted', { shop: result.shop, n: formatCount(result.n, lang) })}
        </p>
      ) : null}
    </div>
  );
}

export function DataSection({ settings, shops, lang }: { settings: Settings; shops: Shop[]; lang: Lang }) {
  return (
    <section id="data" aria-labelledby="h-data">
      <h2 id="h-data">
        {ot(lang, 'retention')} · {ot(lang, 'deleteShop')}
      </h2>
      <div className="stack">
        <Retention settings={settings} lang={lang} />
        <DeleteShop shops={shops} lang={lang} />
      </div>
    </section>
  );
}
