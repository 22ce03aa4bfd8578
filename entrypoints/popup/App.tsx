import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { FindingCard } from '@/components/findings/FindingCard';
import { useSettings, useShops } from '@/components/hooks';
import { todayShanghai } from '@/lib/capture/business-date';
import { getDb } from '@/lib/db/database';
import { countShopFacts, shopFindings } from '@/lib/db/queries';
import { formatCount, formatTime } from '@/lib/format';
import { healthLine } from '@/lib/health/summary';
import { AREA_LABELS, type MessageKey, t } from '@/lib/i18n';
import { sendMessage, type TabState } from '@/lib/messaging/protocol';
import { AREAS } from '@/lib/schema/finding';
import { updateSettings } from '@/lib/settings';
import { areaScores } from '@/lib/ui/scores';

/**
 * Open the side panel on a page of it (`?view=export` opens 数据与协作 → 导出). Both calls are made
 * inside the click (sidePanel.open needs the user gesture); the plain button sets the default
 * path back, so the panel opened from Chrome's own menu shows the diagnostics again.
 */
function openPanel(windowId: number, path = 'sidepanel.html'): void {
  const sp = browser.sidePanel;
  if (!sp) return;
  sp.setOptions({ path }).catch(() => {});
  sp.open({ windowId }).catch(() => {});
}

export function PopupApp() {
  const db = getDb();
  const settings = useSettings();
  const lang = settings.language;
  const shops = useShops();
  const [tab, setTab] = useState<{ id: number; windowId: number; url: string } | null>(null);
  const [state, setState] = useState<TabState | null>(null);

  useEffect(() => {
    // `popup.html#tab=<id>` shows the popup for a given tab (opened as a page, e.g. from a shortcut or a test).
    const forced = /#tab=(\d+)/.exec(location.hash)?.[1];
    const pick = forced ? browser.tabs.get(Number(forced)).then((t0) => [t0]) : browser.tabs.query({ active: true, currentWindow: true });
    pick
      .then(([t0]) => {
        if (t0?.id !== undefined) setTab({ id: t0.id, windowId: t0.windowId, url: t0.url ?? '' });
      })
      .catch(() => {});
  }, []);

  // Refresh the tab state whenever the capture log changes (live while the page loads).
  const logTick = useLiveQuery(() => db.captures.count(), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: logTick is the trigger, not an input
  useEffect(() => {
    if (!tab) return;
    sendMessage('tabState', { tabId: tab.id, url: tab.url })
      .then(setState)
      .catch(() => setState(null));
  }, [tab, logTick]);

  const shopId = state?.shopId ?? [...(shops ?? [])].sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0]?.id ?? null;
  const shop = shops?.find((s) => s.id === shopId);
  const findings = useLiveQuery(() => (shopId ? shopFindings(db, shopId) : []), [shopId]);
  const records = useLiveQuery(() => (shopId ? countShopFacts(db, shopId) : 0), [shopId]);
  const top = (findings ?? []).filter((f) => f.status === 'fired').slice(0, 3);
  const scores = areaScores(findings ?? []);
  // Capture health in plain words: the routes with a problem today, as in the side panel.
  const health = useLiveQuery(() => db.health.toArray(), []);
  const today = todayShanghai();
  const healthIssues = (health ?? [])
    .filter((r) => r.adapter !== '_')
    .map((r) => healthLine(r, lang, today))
    .filter((l) => l.level === 'error' || l.level === 'warn');

  const tabLine = !state
    ? '—'
    : state.family
      ? (state.familyLabel?.[lang] ?? state.family)
      : state.onConsoleHost
        ? t(lang, 'consoleNoFamily')
        : t(lang, 'notConsole');

  return (
    <div style={{ width: 360 }}>
      <header className="app">
        <span className="brand">{t(lang, 'appName')}</span>
        <span className="small" data-testid="popup-shop">
          {shop ? shop.title : t(lang, 'noData')}
        </span>
        <button type="button" onClick={() => updateSettings(db, { language: lang === 'zh' ? 'en' : 'zh' })}>
          {t(lang, 'language')}
        </button>
      </header>
      <main className="stack" style={{ paddingTop: 8 }}>
        <section className="card small" data-testid="tab-state" aria-label={t(lang, 'currentTab')}>
          <div className="spread">
            <span className="muted">{t(lang, 'currentTab')}</span>
            <strong>{tabLine}</strong>
          </div>
          {state?.family || (state && state.capturesThisPage > 0) ? (
            state.capturesThisPage > 0 ? (
              <>
                <div className="spread">
                  <span className="muted">{t(lang, 'capturedThisPage')}</span>
                  <span>
                    {state.capturesThisPage} {t(lang, 'times')} · {state.factsThisPage} {t(lang, 'facts')}
                  </span>
                </div>
                <div className="spread">
                  <span className="muted">{t(lang, 'lastCapture')}</span>
                  <span>
                    {formatTime(state.lastCaptureAt, lang)} · {state.lastOutcome ? t(lang, `outcome_${state.lastOutcome}` as MessageKey) : ''}
                  </span>
                </div>
                {state.lastMessage && state.lastOutcome !== 'stored' && state.lastOutcome !== 'unchanged' ? (
                  <div className="warn">{state.lastMessage}</div>
                ) : null}
              </>
            ) : (
              <div className="muted">{t(lang, 'notCapturedYet')}</div>
            )
          ) : null}
          <div className="spread">
            <span className="muted">{t(lang, 'records')}</span>
            <span data-testid="records">{formatCount(records ?? 0, lang)}</span>
          </div>
          {settings.capturePaused ? <div className="warn">{t(lang, 'paused')}</div> : null}
          {healthIssues.length > 0 ? (
            <div className="warn" data-testid="popup-health-issues">
              {healthIssues.slice(0, 2).map((l) => (
                <div key={l.id}>
                  {l.name}：{l.text}
                </div>
              ))}
              {healthIssues.length > 2 ? (
                <div>{lang === 'zh' ? `另有 ${healthIssues.length - 2} 项，见侧边栏` : `${healthIssues.length - 2} more in the side panel`}</div>
              ) : null}
            </div>
          ) : null}
        </section>

        {shopId ? (
          <section className="health-grid" data-testid="popup-health" aria-label={lang === 'zh' ? '各领域健康分' : 'Health by area'}>
            {AREAS.map((a) => {
              const s = scores[a];
              const cls = s?.score === null || s?.score === undefined ? '' : s.score < 60 ? 'low' : s.score < 85 ? 'mid' : '';
              return (
                <div key={a} className={`health-cell ${cls}`} title={s?.why[lang] ?? ''}>
                  <strong>{s?.score ?? '—'}</strong>
                  {AREA_LABELS[a][lang]}
                </div>
              );
            })}
          </section>
        ) : null}
        <div className="section-title" style={{ marginTop: 4 }}>
          <span>{t(lang, 'topFindings')}</span>
        </div>
        <div className="stack" data-testid="popup-findings">
          {shopId && top.length === 0 && (findings ?? []).some((f) => f.status === 'ok') ? <div className="card small">{t(lang, 'noFindings')}</div> : null}
          {shopId && top.length === 0 && !(findings ?? []).some((f) => f.status === 'ok') ? (
            <div className="card small muted">{t(lang, 'insufficient')}</div>
          ) : null}
          {!shopId ? <div className="card small muted">{t(lang, 'noDataHint')}</div> : null}
          {top.map((f) => (
            <FindingCard key={f.id} f={f} lang={lang} compact />
          ))}
        </div>

        <div className="spread">
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => {
                if (tab) openPanel(tab.windowId);
                window.close();
              }}
            >
              {t(lang, 'openSidePanel')}
            </button>
            <button
              type="button"
              data-testid="popup-export"
              title={lang === 'zh' ? '在侧边栏导出 CSV / Excel / 备份' : 'Export CSV / Excel / a backup in the side panel'}
              onClick={() => {
                if (tab) openPanel(tab.windowId, 'sidepanel.html?view=export');
                window.close();
              }}
            >
              {lang === 'zh' ? '导出' : 'Export'}
            </button>
          </div>
          <button type="button" onClick={() => updateSettings(db, { capturePaused: !settings.capturePaused })} data-testid="pause">
            {settings.capturePaused ? t(lang, 'resumeCapture') : t(lang, 'pauseCapture')}
          </button>
        </div>
      </main>
    </div>
  );
}
