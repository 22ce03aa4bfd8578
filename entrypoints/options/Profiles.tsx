import { useState } from 'react';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/i18n';
import { ot } from '@/lib/i18n/options';
import { editSettings, type Profile, parseCategories, withProfileField } from '@/lib/options/edit';
import { DEFAULT_PROFILE } from '@/lib/rules/context';
import type { Shop } from '@/lib/schema/shop';
import type { Settings } from '@/lib/settings';
import { NumberField } from './Field';
import { rerunRules } from './rerun';

const ATTRIBUTION = [1, 3, 7, 15, 30] as const;

function save<K extends keyof Profile>(shopId: string, key: K, value: Profile[K] | undefined) {
  void editSettings(getDb(), (s) => ({ profiles: withProfileField(s.profiles, shopId, key, value) })).then(() => rerunRules([shopId]));
}

function CategoriesField({ shopId, value, lang }: { shopId: string; value: string[] | undefined; lang: Lang }) {
  const joined = (value ?? []).join(lang === 'zh' ? '、' : ', ');
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const list = parseCategories(draft);
    setDraft(null);
    save(shopId, 'mainCategories', list.length > 0 ? list : undefined);
  };
  return (
    <div className="stack">
      <input
        id={`profile-${shopId}-mainCategories`}
        type="text"
        className="wide"
        aria-label={ot(lang, 'mainCategories')}
        data-testid={`profile-${shopId}-mainCategories`}
        value={draft ?? joined}
        placeholder={ot(lang, 'mainCategoriesHint')}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {value && value.length > 0 ? (
        <div className="row wrap">
          {value.map((c) => (
            <span key={c} className="tag">
              {c}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function ShopProfile({ shop, profile, lang }: { shop: Shop; profile: Profile; lang: Lang }) {
  const id = shop.id;
  const pct = profile.grossMargin === undefined ? undefined : Math.round(profile.grossMargin * 10000) / 100;
  const tid = (k: string) => `profile-${id}-${k}`;
  return (
    <div className="card profile" data-testid={`profile-${id}`}>
      <div className="spread">
        <strong>
          {shop.title}
          {shop.provisional ? <span className="tag">{ot(lang, 'provisional')}</span> : null}
        </strong>
        <span className="muted small">ID {id}</span>
      </div>
      <div className="form-grid">
        <label htmlFor={tid('grossMargin')}>{ot(lang, 'grossMargin')}</label>
        <div>
          <div className="row">
            <NumberField
              id={tid('grossMargin')}
              testId={tid('grossMargin')}
              label={ot(lang, 'grossMargin')}
              lang={lang}
              value={pct}
              min={0}
              max={95}
              allowEmpty
              placeholder={`${ot(lang, 'default')} ${DEFAULT_PROFILE.grossMargin * 100}`}
              onCommit={(v) => save(id, 'grossMargin', v === undefined ? undefined : Math.round(v * 100) / 10000)}
            />
            <span>%</span>
          </div>
          <div className="hint">{ot(lang, 'grossMarginHint')}</div>
        </div>

        <label htmlFor={tid('leadTimeDays')}>{ot(lang, 'leadTime')}</label>
        <div>
          <div className="row">
            <NumberField
              id={tid('leadTimeDays')}
              testId={tid('leadTimeDays')}
              label={ot(lang, 'leadTime')}
              lang={lang}
              value={profile.leadTimeDays}
              min={0}
              max={180}
              allowEmpty
              placeholder={`${ot(lang, 'default')} ${DEFAULT_PROFILE.leadTimeDays}`}
              onCommit={(v) => save(id, 'leadTimeDays', v === undefined ? undefined : Math.round(v))}
            />
            <span>{lang === 'zh' ? '天' : 'days'}</span>
          </div>
          <div className="hint">{ot(lang, 'leadTimeHint')}</div>
        </div>

        <label htmlFor={tid('monthlyTarget')}>{ot(lang, 'monthlyTarget')}</label>
        <div>
          <div className="row">
            <span>¥</span>
            <NumberField
              id={tid('monthlyTarget')}
              testId={tid('monthlyTarget')}
              label={ot(lang, 'monthlyTarget')}
              lang={lang}
              value={profile.monthlyTarget}
              min={0}
              max={1e10}
              allowEmpty
              placeholder={ot(lang, 'notSet')}
              onCommit={(v) => save(id, 'monthlyTarget', v)}
            />
          </div>
          <div className="hint">{ot(lang, 'monthlyTargetHint')}</div>
        </div>

        <label htmlFor={tid('attributionDays')}>{ot(lang, 'attribution')}</label>
        <div>
          <select
            id={tid('attributionDays')}
            data-testid={tid('attributionDays')}
            value={profile.attributionDays ?? ''}
            onChange={(e) => save(id, 'attributionDays', e.target.value === '' ? undefined : (Number(e.target.value) as Profile['attributionDays']))}
          >
            <option value="">
              {ot(lang, 'default')}（{DEFAULT_PROFILE.attributionDays}
              {lang === 'zh' ? '天' : ' days'}）
            </option>
            {ATTRIBUTION.map((d) => (
              <option key={d} value={d}>
                {d}
                {lang === 'zh' ? '天' : d === 1 ? ' day' : ' days'}
              </option>
            ))}
          </select>
          <div className="hint">{ot(lang, 'attributionHint')}</div>
        </div>

        <label htmlFor={tid('mainCategories')}>{ot(lang, 'mainCategories')}</label>
        <CategoriesField shopId={id} value={profile.mainCategories} lang={lang} />
      </div>
    </div>
  );
}

export function Profiles({ shops, settings, lang }: { shops: Shop[] | undefined; settings: Settings; lang: Lang }) {
  return (
    <section id="profiles" aria-labelledby="h-profiles">
      <h2 id="h-profiles">{ot(lang, 'profiles')}</h2>
      <p className="muted small">{ot(lang, 'profilesHint')}</p>
      {shops && shops.length === 0 ? <div className="card muted">{ot(lang, 'noShops')}</div> : null}
      <div className="stack">
        {(shops ?? []).map((s) => (
          <ShopProfile key={s.id} shop={s} profile={settings.profiles[s.id] ?? {}} lang={lang} />
        ))}
      </div>
    </section>
  );
}
