import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { defaultDate, JournalForm } from '@/components/work/JournalPanel';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/format';
import { DEFAULT_WINDOW_DAYS, defaultMetric, suggestKind } from '@/lib/journal';
import type { EntityKind } from '@/lib/schema/fact';
import type { Area, Finding } from '@/lib/schema/finding';

const T = {
  log: { zh: '记录操作', en: 'Log action' },
  logged: { zh: '已记录', en: 'Logged' },
  where: { zh: '复盘见 数据与协作 → 操作日志', en: 'Review in Data & team → Action log' },
} as const;

/**
 * 记录操作: a compact inline journal form for one entity, prefilled (suggested action, its
 * default metric, date after the data day). Used on finding cards and in the entity drill view.
 */
export function LogActionInline({
  shopId,
  entity,
  area,
  findingId,
  ruleId = '',
  asOf,
  lang,
}: {
  shopId: string;
  entity: { kind: EntityKind; id: string; name?: string };
  area?: Area;
  findingId?: string;
  ruleId?: string;
  asOf: string | null;
  lang: Lang;
}) {
  const [open, setOpen] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const count = useLiveQuery(
    () =>
      getDb()
        .journal.where('shopId')
        .equals(shopId)
        .filter((e) => (findingId ? e.findingId === findingId : e.entity.kind === entity.kind && e.entity.id === entity.id))
        .count(),
    [shopId, findingId, entity.kind, entity.id],
  );
  if (open) {
    const kind = suggestKind(ruleId, area, entity.kind);
    return (
      <div className="log-action-inline" data-testid="log-action-form">
        <JournalForm
          shopId={shopId}
          lang={lang}
          asOf={asOf}
          compact
          fixedEntity
          initial={{
            kind,
            entity,
            date: defaultDate(asOf),
            metric: defaultMetric(kind, entity.kind),
            windowDays: DEFAULT_WINDOW_DAYS,
            note: '',
            ...(area ? { area } : {}),
            ...(findingId ? { findingId } : {}),
          }}
          onDone={(id) => {
            setOpen(false);
            setJustSaved(id !== null);
          }}
        />
      </div>
    );
  }
  return (
    <>
      <button type="button" data-testid="log-action" onClick={() => setOpen(true)}>
        {T.log[lang]}
      </button>
      {count ? (
        <span className="tag log-action-done" data-testid="log-action-done" title={T.where[lang]}>
          ✓ {T.logged[lang]}
          {count > 1 ? ` ×${count}` : ''}
        </span>
      ) : null}
      {justSaved ? <span className="small muted">{T.where[lang]}</span> : null}
    </>
  );
}

/** 记录操作 on a fired finding card. */
export function LogActionButton({ f, lang }: { f: Finding; lang: Lang }) {
  return (
    <LogActionInline
      shopId={f.shopId}
      entity={{ kind: f.entity.kind, id: f.entity.id, ...(f.entity.name ? { name: f.entity.name } : {}) }}
      area={f.area}
      findingId={f.id}
      ruleId={f.ruleId}
      asOf={f.period.to}
      lang={lang}
    />
  );
}
