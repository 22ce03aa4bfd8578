/**
 * "记录操作" from an annotation's hover card: a compact form (what was done, on which business
 * date, a note) that logs one 操作日志 entry for the row's entity through the background
 * (`logAction`; content scripts never open IndexedDB). Built only when the operator opens it;
 * plain elements with textContent (captured names stay text); keys typed into it never reach the
 * console page's own shortcuts.
 */
import { todayShanghai } from '../capture/business-date';
import type { EntityKind } from '../schema/fact';
import type { Area } from '../schema/finding';
import { ACTION_KINDS, type ActionKind, type JournalEntry } from '../schema/journal';
import { ACTION_LABELS } from '../journal/action-labels';
import type { Lang, Text } from './types';

export type LogEntry = Omit<JournalEntry, 'id' | 'shopId' | 'createdAt' | 'updatedAt'>;
export type LogActionFn = (req: { shopId: string; entry: LogEntry }) => Promise<{ id: string } | null | undefined>;

/** The same labels as the 操作日志 panel. */
export { ACTION_LABELS };

const L = {
  open: { zh: '记录操作', en: 'Log action' },
  kind: { zh: '操作', en: 'Action' },
  date: { zh: '日期', en: 'Date' },
  note: { zh: '备注', en: 'Note' },
  notePh: { zh: '做了什么、为什么（可选）', en: 'What and why (optional)' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  saving: { zh: '保存中…', en: 'Saving…' },
  saved: { zh: '已记录到操作日志，7 天后可复盘', en: 'Logged; review it after 7 days' },
  failed: { zh: '未能记录（扩展已更新或后台未响应），请刷新页面后重试', en: 'Could not log (extension updated or not responding); reload the page and retry' },
  badDate: { zh: '日期无效，请用 YYYY-MM-DD', en: 'Invalid date, use YYYY-MM-DD' },
  noShop: { zh: '尚未识别店铺，无法记录', en: 'Shop not identified yet; cannot log' },
  otherNeedsNote: { zh: '选择“其他”时请在备注里写明操作', en: 'With “Other”, say what you did in the note' },
} satisfies Record<string, Text>;

/** Metric the 复盘 compares by default: an item's 支付金额, an ad entity's 花费. */
export function defaultMetric(kind: EntityKind): string {
  return kind === 'item' || kind === 'sku' ? 'payAmt' : 'adSpend';
}

export function defaultAction(kind: EntityKind): ActionKind {
  return kind === 'item' || kind === 'sku' ? 'changePrice' : 'raiseBid';
}

export function areaOf(kind: EntityKind): Area | undefined {
  if (kind === 'keyword' || kind === 'campaign' || kind === 'adgroup' || kind === 'crowd') return 'ADS';
  if (kind === 'item' || kind === 'sku') return 'SEL';
  return undefined;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The entry the form sends, or a message saying what is wrong. */
export function buildEntry(
  input: { kind: string; date: string; note: string; entity: { kind: EntityKind; id: string; name?: string } },
  lang: Lang,
): { entry: LogEntry } | { error: string } {
  const kind = (ACTION_KINDS as readonly string[]).includes(input.kind) ? (input.kind as ActionKind) : null;
  if (!kind) return { error: L.failed[lang] };
  const date = input.date.trim();
  if (!ISO.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return { error: L.badDate[lang] };
  const note = input.note.trim().slice(0, 2000);
  if (kind === 'other' && !note) return { error: L.otherNeedsNote[lang] };
  const name = input.entity.name?.trim().slice(0, 200);
  const area = areaOf(input.entity.kind);
  return {
    entry: {
      date,
      kind,
      entity: { kind: input.entity.kind, id: input.entity.id, ...(name ? { name } : {}) },
      metric: defaultMetric(input.entity.kind),
      windowDays: 7,
      note,
      ...(area ? { area } : {}),
    },
  };
}

export interface LogFormOpts {
  lang: Lang;
  entity: { kind: EntityKind; id: string };
  /** Read when the operator saves (the row's current text). */
  name(): string | undefined;
  shopId(): string | null;
  send: LogActionFn;
  now?: () => number;
}

let uid = 0;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The "记录操作" button and its (hidden until asked) form, as one element for the hover card. */
export function buildLogControl(doc: Document, o: LogFormOpts): HTMLElement {
  const { lang } = o;
  const wrap = el(doc, 'div', 'log');
  wrap.dataset.part = 'log';
  const openBtn = el(doc, 'button', 'log-open', L.open[lang]);
  openBtn.type = 'button';
  openBtn.dataset.part = 'log-open';
  openBtn.setAttribute('aria-expanded', 'false');
  const form = el(doc, 'div', 'log-form');
  form.hidden = true;
  form.setAttribute('role', 'group');
  form.setAttribute('aria-label', L.open[lang]);
  const id = `opsr-log-${++uid}`;
  form.id = id;
  openBtn.setAttribute('aria-controls', id);

  const field = (label: string, control: HTMLElement) => {
    const lab = el(doc, 'label', 'log-field');
    lab.append(el(doc, 'span', 'log-label', label), control);
    form.appendChild(lab);
  };
  const kind = el(doc, 'select');
  kind.dataset.part = 'log-kind';
  for (const k of ACTION_KINDS) {
    const opt = el(doc, 'option', undefined, ACTION_LABELS[k][lang]);
    opt.value = k;
    kind.appendChild(opt);
  }
  kind.value = defaultAction(o.entity.kind);
  field(L.kind[lang], kind);
  const date = el(doc, 'input');
  date.type = 'date';
  date.dataset.part = 'log-date';
  date.value = todayShanghai(o.now?.() ?? Date.now());
  field(L.date[lang], date);
  const note = el(doc, 'input');
  note.type = 'text';
  note.maxLength = 2000;
  note.placeholder = L.notePh[lang];
  note.dataset.part = 'log-note';
  field(L.note[lang], note);
  const actions = el(doc, 'div', 'log-actions');
  const save = el(doc, 'button', 'log-save', L.save[lang]);
  save.type = 'button';
  save.dataset.part = 'log-save';
  const cancel = el(doc, 'button', 'log-cancel', L.cancel[lang]);
  cancel.type = 'button';
  actions.append(save, cancel);
  form.appendChild(actions);
  const status = el(doc, 'div', 'log-status');
  status.dataset.part = 'log-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const show = (on: boolean) => {
    form.hidden = !on;
    openBtn.setAttribute('aria-expanded', String(on));
    if (on) {
      status.textContent = '';
      kind.focus();
    }
  };
  openBtn.addEventListener('click', () => show(form.hidden));
  cancel.addEventListener('click', () => {
    show(false);
    openBtn.focus();
  });
  const setStatus = (text: string, tone: 'ok' | 'err' | '') => {
    status.textContent = text;
    status.className = `log-status ${tone}`;
  };
  save.addEventListener('click', () => {
    const shopId = o.shopId();
    if (!shopId) {
      setStatus(L.noShop[lang], 'err');
      return;
    }
    const built = buildEntry({ kind: kind.value, date: date.value, note: note.value, entity: { ...o.entity, name: o.name() } }, lang);
    if ('error' in built) {
      setStatus(built.error, 'err');
      return;
    }
    save.disabled = true;
    setStatus(L.saving[lang], '');
    o.send({ shopId, entry: built.entry })
      .then((r) => {
        if (!r?.id) throw new Error('no id');
        note.value = '';
        form.hidden = true;
        openBtn.setAttribute('aria-expanded', 'false');
        setStatus(L.saved[lang], 'ok');
        openBtn.focus();
      })
      .catch(() => setStatus(L.failed[lang], 'err'))
      .finally(() => {
        save.disabled = false;
      });
  });
  // Typing here is ours: the console's keyboard shortcuts must not see it (events are composed).
  const keep = (e: Event) => {
    if ((e as KeyboardEvent).key === 'Escape' && !form.hidden) {
      show(false);
      openBtn.focus();
    }
    e.stopPropagation();
  };
  for (const t of ['keydown', 'keyup', 'keypress']) wrap.addEventListener(t, keep);
  wrap.append(openBtn, form, status);
  return wrap;
}
