// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_TAG } from '@/lib/annotate/anchor';
import { renderPass, startAnnotator } from '@/lib/annotate/controller';
import { itemAnchors } from '@/lib/annotate/sycm-item';
import type { Annotation, AnnotationRequest, AnnotationResponse, ItemAnnotation } from '@/lib/annotate/types';
import { fillTitles, rankTable } from './fixtures';

const XSS = '<img src=x onerror="window.__pwned=1">';
const rows = Array.from({ length: 10 }, (_, i) => ({ id: String(600 + i), title: i === 2 ? `${XSS}毛毯` : `商品${i}` }));

function itemNote(id: string): ItemAnnotation {
  return {
    type: 'item',
    badges: [{ id: 'potential', tone: 'good', label: { zh: '潜力款', en: 'Potential' }, tip: { zh: `依据 ${XSS} ${id}`, en: 'x' } }],
    history: { dates: ['2026-11-19', '2026-11-20'], payAmt: [10, 20], uv: [5, 6], payRate: [0.1, 0.2] },
  };
}

function mount(list = rows) {
  document.body.textContent = '';
  document.body.insertAdjacentHTML('beforeend', rankTable(list));
  fillTitles(document, list);
}

const hostsPerRow = () => [...document.querySelectorAll('tr[data-item-id]')].map((tr) => tr.querySelectorAll(HOST_TAG).length);

describe('renderPass', () => {
  beforeEach(() => mount());

  it('is idempotent: one host per anchor, untouched on a second pass', () => {
    const anchors = itemAnchors(document);
    const data = new Map<string, Annotation>(rows.map((r) => [`item|${r.id}`, itemNote(r.id)]));
    expect(renderPass(anchors, data, 'zh')).toBe(10);
    expect(renderPass(itemAnchors(document), data, 'zh')).toBe(0);
    expect(hostsPerRow()).toEqual(Array(10).fill(1));
  });

  it('renders captured text as text (titles and finding texts stay inert)', () => {
    const data = new Map<string, Annotation>(rows.map((r) => [`item|${r.id}`, itemNote(r.id)]));
    renderPass(itemAnchors(document), data, 'zh');
    expect(document.querySelectorAll('img').length).toBe(0);
    const host = document.querySelector(`tr[data-item-id="602"] ${HOST_TAG}`) as HTMLElement;
    const chip = host.shadowRoot?.querySelector('[data-badge="potential"]');
    expect(chip?.textContent).toBe('潜力款');
    expect(chip?.getAttribute('title')).toContain(XSS);
    expect(host.shadowRoot?.querySelectorAll('img').length).toBe(0);
    expect(document.querySelector('tr[data-item-id="602"] a')?.textContent).toBe(`${XSS}毛毯`);
  });

  it('adds no text to the host table (the page numbers read the same)', () => {
    const before = document.querySelector('#rank')?.textContent;
    renderPass(itemAnchors(document), new Map(rows.map((r) => [`item|${r.id}`, itemNote(r.id)])), 'zh');
    expect(document.querySelector('#rank')?.textContent).toBe(before);
  });

  it('removes the host when the data says nothing; replaces it when the row now shows another item', () => {
    const data = new Map<string, Annotation>(rows.map((r) => [`item|${r.id}`, itemNote(r.id)]));
    renderPass(itemAnchors(document), data, 'zh');
    data.delete('item|600');
    renderPass(itemAnchors(document), data, 'zh');
    expect(document.querySelector(`tr[data-item-id="600"] ${HOST_TAG}`)).toBeNull();
    // A framework re-using the row element for another item (sorting in place).
    const tr = document.querySelector('tr[data-item-id="601"]') as HTMLElement;
    tr.dataset.itemId = '609';
    renderPass(itemAnchors(document), data, 'zh');
    expect((tr.querySelector(HOST_TAG) as HTMLElement).dataset.key).toBe('item|609');
    expect(tr.querySelectorAll(HOST_TAG).length).toBe(1);
  });
});

describe('startAnnotator', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    mount();
  });
  afterEach(() => vi.useRealTimers());

  const respond = (req: AnnotationRequest): AnnotationResponse => ({
    enabled: true,
    lang: 'zh',
    shopId: 's',
    data: Object.fromEntries(req.entities.map((e) => [`${e.kind}|${e.id}`, itemNote(e.id)])),
  });

  it('asks once per entity, survives re-renders and sorting, never duplicates', async () => {
    const request = vi.fn(async (req: AnnotationRequest) => respond(req));
    const a = startAnnotator({ family: 'sycm-item', doc: document, loc: { search: '', hash: '' }, request, debounceMs: 10 });
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(1);
    expect(hostsPerRow()).toEqual(Array(10).fill(1));
    // The console re-renders the table sorted the other way.
    const reversed = [...rows].reverse();
    const tbody = document.querySelector('tbody') as HTMLElement;
    tbody.textContent = '';
    mount(reversed);
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(1);
    expect(hostsPerRow()).toEqual(Array(10).fill(1));
    // Our own host insertions do not loop the observer.
    await vi.advanceTimersByTimeAsync(500);
    expect(request).toHaveBeenCalledTimes(1);
    // A date switch asks again; findings changing asks again.
    document.body.insertAdjacentHTML('afterbegin', '<input type="date" value="2026-11-13">');
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(2);
    expect(request.mock.calls[1]?.[0].date).toBe('2026-11-13');
    a.refresh();
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(3);
    expect(hostsPerRow()).toEqual(Array(10).fill(1));
    a.stop();
    expect(document.querySelectorAll(HOST_TAG).length).toBe(0);
  });

  it('switched off for the family: removes its annotations and stops asking until told', async () => {
    let enabled = true;
    const request = vi.fn(async (req: AnnotationRequest) => ({ ...respond(req), enabled }));
    const a = startAnnotator({ family: 'sycm-item', doc: document, loc: { search: '', hash: '' }, request, debounceMs: 10 });
    await vi.advanceTimersByTimeAsync(50);
    expect(document.querySelectorAll(HOST_TAG).length).toBe(10);
    enabled = false;
    a.refresh();
    await vi.advanceTimersByTimeAsync(50);
    expect(document.querySelectorAll(HOST_TAG).length).toBe(0);
    mount();
    await vi.advanceTimersByTimeAsync(50);
    expect(request).toHaveBeenCalledTimes(2);
    a.stop();
  });

  it('never throws into the page when the background fails', async () => {
    const request = vi.fn(async () => {
      throw new Error('gone');
    });
    const a = startAnnotator({ family: 'sycm-item', doc: document, loc: { search: '', hash: '' }, request, debounceMs: 10 });
    await vi.advanceTimersByTimeAsync(50);
    expect(document.querySelectorAll(HOST_TAG).length).toBe(0);
    a.stop();
  });
});
