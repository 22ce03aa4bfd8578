import type { Unwrapped } from '../capture/envelope';
import type { FactDraft } from '../schema/fact';

export interface RouteContext {
  url: URL;
  method: string;
  requestBody?: string;
  capturedAt: number;
  shopId: string;
}

/** A field the route could not read; reported in capture health with a trimmed sample. */
export interface FieldIssue {
  path: string;
  message: string;
  sample?: string;
}

export type RouteResult = { ok: true; facts: FactDraft[]; issues: FieldIssue[] } | { ok: false; issues: FieldIssue[] };

export interface AdapterRoute {
  /** kebab-case, unique within the adapter. */
  id: string;
  label: { zh: string; en: string };
  method: 'GET' | 'POST' | 'ANY';
  /** Matched against the URL's pathname. Versions drift (v2 → v3 → v5): match by pattern. */
  path: RegExp;
  /** Real-shaped API URLs this route must accept (used by tests and the conventions test). */
  exampleUrls: string[];
  parse(data: unknown, ctx: RouteContext): RouteResult;
}

/**
 * For pages whose data has no known API (交易, 物流, 评价): read the rendered page. `read` runs in
 * the content script on the console page (keep it cheap: query selectors, read text, no
 * parsing beyond that); `parse` runs in the background like an API route.
 */
export interface DomReader {
  /** kebab-case, unique within the adapter. */
  id: string;
  label: { zh: string; en: string };
  /** Matched against the page URL's pathname. */
  page: RegExp;
  /** Selector whose appearance or change triggers a read. */
  waitFor: string;
  read(doc: Document): unknown;
  parse(data: unknown, ctx: RouteContext): RouteResult;
}

/** One console page family (architecture §4: one file per family). */
export interface Adapter {
  id: string;
  label: { zh: string; en: string };
  /** Host of the family's console pages. */
  host: string;
  /**
   * Hosts its API calls go to, when not (only) the page host — e.g. the mtop gateway
   * h5api.m.taobao.com serves 千牛 and some sycm pages. Default: [host].
   */
  apiHosts?: string[];
  /** Other hosts its pages live on (千牛 moved 已卖出的宝贝 into myseller.taobao.com). */
  pageHosts?: string[];
  /**
   * Its responses carry buyer data (order lists): no raw sample of them is ever kept, not even
   * in capture health.
   */
  sensitive?: boolean;
  /** Console pages of this family (matched against page URLs, for the popup and annotations). */
  pages: RegExp[];
  examplePageUrls: string[];
  /** Where the operator goes to capture this family's data. */
  openHint: { zh: string; en: string; url: string };
  unwrap(text: string): Unwrapped;
  routes: AdapterRoute[];
  dom?: DomReader[];
}
