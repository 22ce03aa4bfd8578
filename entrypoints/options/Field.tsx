import { useEffect, useState } from 'react';
import type { Lang } from '@/lib/i18n';
import { ot } from '@/lib/i18n/options';
import { type Checked, checkNumber } from '@/lib/options/edit';

/** Message for a failed check, in the page's language. */
export function checkMessage(c: Checked, lang: Lang): string {
  if (c.ok) return '';
  if (c.error === 'nan') return ot(lang, 'errNaN');
  return `${ot(lang, c.error === 'min' ? 'errMin' : 'errMax')} ${c.bound}`;
}

/**
 * A number input that commits on blur or Enter, only when valid. Empty commits `undefined`
 * when `allowEmpty` (the value falls back to its default).
 */
export function NumberField(props: {
  id: string;
  value: number | undefined;
  min: number;
  max: number;
  step?: number | 'any';
  lang: Lang;
  allowEmpty?: boolean;
  placeholder?: string;
  highlight?: boolean;
  testId?: string;
  label: string;
  onCommit(v: number | undefined): void;
}) {
  const { value, min, max, lang } = props;
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  const [flash, setFlash] = useState(false);
  useEffect(() => setDraft(value === undefined ? '' : String(value)), [value]);
  const empty = draft.trim() === '';
  const check = empty && props.allowEmpty ? null : checkNumber(draft, min, max);
  const error = check && !check.ok ? checkMessage(check, lang) : '';

  const commit = () => {
    let next: number | undefined;
    if (empty && props.allowEmpty) next = undefined;
    else if (check?.ok) next = check.value;
    else return;
    if (next === value) return;
    props.onCommit(next);
    setFlash(true);
    setTimeout(() => setFlash(false), 1500);
  };

  return (
    <span className="num-field">
      <input
        id={props.id}
        type="text"
        inputMode="decimal"
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        data-testid={props.testId}
        className={props.highlight ? 'custom' : undefined}
        value={draft}
        placeholder={props.placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : flash ? (
        <span className="field-ok">✓ {ot(lang, 'saved')}</span>
      ) : null}
    </span>
  );
}
