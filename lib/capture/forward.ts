import { parseBridgeDetail } from '../messaging/page-bridge';
import type { CaptureMessage } from '../schema/capture';
import { readIdentity } from './identity';

/**
 * Isolated-world side: turn one bridge event into a capture message with the page context.
 * Identity is read here from the DOM and cookies (the page's globals only as a fallback),
 * so a forged bridge message cannot pick its own shop.
 */
export function buildCaptureMessage(detail: unknown, doc: Document, now: number): CaptureMessage | null {
  const parsed = parseBridgeDetail(detail);
  if (!parsed) return null;
  const microdata = doc.querySelector('meta[name="microdata"]')?.getAttribute('content') ?? null;
  const { globals, ...meta } = parsed.meta;
  return {
    meta,
    responseText: parsed.text,
    pageUrl: doc.location?.href ?? '',
    identity: readIdentity({ microdata, globals: globals ?? null, cookie: doc.cookie }),
    capturedAt: now,
  };
}
