import { ADAPTERS } from '@/lib/adapters/registry';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/i18n';
import { ot } from '@/lib/i18n/options';
import { editSettings } from '@/lib/options/edit';
import type { Settings } from '@/lib/settings';

export function Annotations({ settings, lang }: { settings: Settings; lang: Lang }) {
  const set = (family: string, on: boolean) => void editSettings(getDb(), (s) => ({ annotations: { ...s.annotations, [family]: on } }));
  return (
    <section id="annotations" aria-labelledby="h-annotations">
      <h2 id="h-annotations">{ot(lang, 'annotations')}</h2>
      <p className="muted small">{ot(lang, 'annotationsHint')}</p>
      <div className="card family-grid">
        {ADAPTERS.map((a) => (
          <label key={a.id} className="row small">
            <input type="checkbox" data-testid={`annot-${a.id}`} checked={settings.annotations[a.id] !== false} onChange={(e) => set(a.id, e.target.checked)} />
            <span>{a.label[lang]}</span>
            <span className="muted">{a.host}</span>
          </label>
        ))}
      </div>
    </section>
  );
}
