import { domReaderFor, routeFor } from '../adapters/registry';
import type { Adapter, AdapterRoute, FieldIssue } from '../adapters/types';
import type { CaptureMessage, CaptureOutcome } from '../schema/capture';
import { type Fact, factId } from '../schema/fact';
import type { Shop, ShopIdentity } from '../schema/shop';
import { todayShanghai } from './business-date';
import { parseJsonText } from './envelope';
import { mainNickOf } from './identity';

export interface ProcessResult {
  outcome: CaptureOutcome;
  adapter: string | null;
  route: string | null;
  shopId: string | null;
  /** Shop record to create or refresh when the page identified one. */
  shop: Omit<Shop, 'firstSeenAt' | 'lastSeenAt'> | null;
  facts: Fact[];
  issues: FieldIssue[];
  message?: string;
}

/**
 * Which shop a capture belongs to. The sycm shop id on the page is authoritative; pages that
 * only show a login nick are linked through a shop already known by its main account nick.
 */
export function resolveShop(identity: ShopIdentity, known: readonly Shop[]): { shopId: string; shop: ProcessResult['shop'] } | null {
  if (identity.shopId) {
    const prev = known.find((s) => s.id === identity.shopId);
    const title = identity.shopTitle ?? prev?.title ?? identity.mainUserName ?? identity.shopId;
    const mainUserName = identity.mainUserName ?? (identity.loginNick ? mainNickOf(identity.loginNick) : undefined) ?? prev?.mainUserName;
    const mainUserId = identity.mainUserId ?? prev?.mainUserId;
    return {
      shopId: identity.shopId,
      shop: { id: identity.shopId, title, ...(mainUserName ? { mainUserName } : {}), ...(mainUserId ? { mainUserId } : {}) },
    };
  }
  const nick = identity.mainUserName ?? (identity.loginNick ? mainNickOf(identity.loginNick) : undefined);
  if (nick) {
    const real = known.filter((s) => s.mainUserName === nick && !s.provisional);
    if (real.length === 1 && real[0]) return { shopId: real[0].id, shop: null };
    if (real.length > 1) return null; // ambiguous: never guess between shops
    // Not seen on 生意参谋 yet: keep the data under a provisional shop named by the nick.
    const id = provisionalShopId(nick);
    return { shopId: id, shop: { id, title: nick, mainUserName: nick, provisional: true } };
  }
  return null;
}

export const provisionalShopId = (mainNick: string) => `nick:${mainNick}`;

/** The pure part of ingest: route, unwrap, identify, parse, map. No storage. */
export function processCapture(msg: CaptureMessage, known: readonly Shop[]): ProcessResult {
  const base = { adapter: null, route: null, shopId: null, shop: null, facts: [], issues: [] };
  let url: URL;
  try {
    url = new URL(msg.meta.url);
  } catch {
    return { ...base, outcome: 'invalid', message: '无法解析的地址' };
  }
  const meta = msg.meta;
  let hit: { adapter: Adapter; route: { id: string; parse: AdapterRoute['parse'] } } | null;
  let data: unknown;
  if (meta.kind === 'dom') {
    // DOM readers report the page itself: the page URL must be the one they ran on.
    const r = domReaderFor(meta.adapter, meta.reader, url);
    if (!r || meta.url !== msg.pageUrl) return { ...base, outcome: 'unmatched' };
    hit = { adapter: r.adapter, route: r.reader };
    const parsedJson = parseJsonText(msg.responseText);
    if (!parsedJson.ok) return { ...base, adapter: r.adapter.id, route: r.reader.id, outcome: 'rejected', message: '页面读取结果无法解析' };
    data = parsedJson.value;
  } else {
    hit = routeFor(url, meta.method);
    if (!hit) return { ...base, outcome: 'unmatched' };
    if (meta.truncated)
      return { ...base, adapter: hit.adapter.id, route: hit.route.id, outcome: 'too-large', message: `响应过大（${meta.size} 字符），已跳过` };
    const unwrapped = hit.adapter.unwrap(msg.responseText);
    if (!unwrapped.ok) {
      const outcome = unwrapped.kind === 'login' ? 'login' : unwrapped.kind === 'platform-error' ? 'platform-error' : 'rejected';
      return {
        ...base,
        adapter: hit.adapter.id,
        route: hit.route.id,
        outcome,
        message: unwrapped.message,
        issues: [{ path: '(envelope)', message: unwrapped.message, ...(hit.adapter.sensitive ? {} : { sample: msg.responseText.slice(0, 120) }) }],
      };
    }
    data = unwrapped.data;
  }
  const ids = { adapter: hit.adapter.id, route: hit.route.id };

  const who = resolveShop(msg.identity, known);
  if (!who) return { ...base, ...ids, outcome: 'unidentified', message: '页面上没有识别到店铺，未保存' };

  let parsed: ReturnType<AdapterRoute['parse']>;
  try {
    parsed = hit.route.parse(data, {
      url,
      method: meta.method,
      ...('requestBody' in meta && meta.requestBody !== undefined ? { requestBody: meta.requestBody } : {}),
      capturedAt: msg.capturedAt,
      shopId: who.shopId,
    });
  } catch (e) {
    // An adapter bug must not lose the capture silently: count it as rejected.
    return { ...base, ...ids, shopId: who.shopId, shop: who.shop, outcome: 'rejected', issues: [{ path: '(adapter)', message: String(e).slice(0, 200) }] };
  }
  const scrub = (list: FieldIssue[]): FieldIssue[] => (hit.adapter.sensitive ? list.map(({ sample: _s, ...rest }) => rest) : list);
  if (!parsed.ok) return { ...base, ...ids, shopId: who.shopId, shop: who.shop, outcome: 'rejected', issues: scrub(parsed.issues) };

  // Closed days only: a "day" for today (or later) is an unfinished day and must not be stored as one.
  const today = todayShanghai(msg.capturedAt);
  const issues = scrub(parsed.issues);
  const source = { adapter: hit.adapter.id, route: hit.route.id, pageUrl: msg.pageUrl.slice(0, 500) };
  const facts: Fact[] = [];
  for (const d of parsed.facts) {
    if (d.grain === 'day' && d.date >= today) {
      issues.push({ path: `date ${d.date}`, message: '当日未结束的数据不按整日保存' });
      continue;
    }
    // Drafts belong to this capture: complete them in place (thousands per report, no copies).
    const f = d as Fact;
    f.shopId = who.shopId;
    f.source = source;
    f.capturedAt = msg.capturedAt;
    f.updatedAt = msg.capturedAt;
    f.id = factId(f);
    facts.push(f);
  }
  return { ...base, ...ids, shopId: who.shopId, shop: who.shop, outcome: 'stored', facts, issues };
}
