import { useEffect } from 'react';
import { useSettings, useShops } from '@/components/hooks';
import { getDb } from '@/lib/db/database';
import { t } from '@/lib/i18n';
import { type OptionsKey, ot } from '@/lib/i18n/options';
import { updateSettings } from '@/lib/settings';
import { Annotations } from './Annotations';
import { DataSection } from './DataSection';
import { Notify } from './Notify';
import { Profiles } from './Profiles';
import { Storage } from './Storage';
import { Thresholds } from './Thresholds';
import { Webhooks } from './Webhooks';

const NAV: [string, OptionsKey][] = [
  ['profiles', 'profiles'],
  ['thresholds', 'thresholds'],
  ['notifications', 'notifications'],
  ['webhooks', 'webhooks'],
  ['annotations', 'annotations'],
  ['data', 'retention'],
  ['storage', 'storage'],
];

export function OptionsApp() {
  const settings = useSettings();
  const lang = settings.language;
  const shops = useShops();
  const shopIds = (shops ?? []).map((s) => s.id);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = ot(lang, 'title');
  }, [lang]);

  return (
    <>
      <header className="app">
        <span className="brand">{ot(lang, 'title')}</span>
        <button type="button" data-testid="lang" onClick={() => updateSettings(getDb(), { language: lang === 'zh' ? 'en' : 'zh' })}>
          {t(lang, 'language')}
        </button>
      </header>
      <div className="options-layout">
        <nav aria-label={ot(lang, 'nav')} className="options-nav">
          {NAV.map(([id, key]) => (
            <a key={id} href={`#${id}`}>
              {ot(lang, key)}
            </a>
          ))}
        </nav>
        <main className="options-main">
          <Profiles shops={shops} settings={settings} lang={lang} />
          <Thresholds settings={settings} lang={lang} shopIds={shopIds} />
          <Notify settings={settings} lang={lang} />
          <Webhooks lang={lang} />
          <Annotations settings={settings} lang={lang} />
          <DataSection settings={settings} shops={shops ?? []} lang={lang} />
          <Storage lang={lang} />
        </main>
      </div>
    </>
  );
}
