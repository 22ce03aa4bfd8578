/** What a family's anchor finder returns, and helpers the finders share. */
import type { AnchorRef } from './types';

/** Tag of the element that carries an annotation's shadow root (ours; never the page's). */
export const HOST_TAG = 'opsradar-note';

export interface Anchor {
  ref: AnchorRef;
  /** Element the annotation host is appended to (a label, a name cell). */
  at: Element;
  /** Row or card the anchor belongs to (the unit that re-renders). */
  row: Element;
}

/** Trimmed text of an element without our own annotation hosts (they live in shadow roots: no text). */
export function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const DIGITS = /^\d{1,20}$/;
export const isNumericId = (s: string | null | undefined): s is string => typeof s === 'string' && DIGITS.test(s);

/** The first table cell of a row, or the row itself when it is not a table row. */
export function firstCell(row: Element): Element {
  return row.querySelector(':scope > td, :scope > th') ?? row;
}
