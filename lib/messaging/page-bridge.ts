import { MAX_RESPONSE_CHARS, type TapMeta, TapMetaSchema } from '../schema/capture';

/**
 * The isolated side of the MAIN ↔ isolated bridge. Anything arriving here may have been forged
 * by a page script, so it is bounded and validated before it goes anywhere.
 */
export function parseBridgeDetail(detail: unknown): { meta: TapMeta; text: string } | null {
  if (typeof detail !== 'string' || detail.length > MAX_RESPONSE_CHARS + 300_000) return null;
  const nl = detail.indexOf('\n');
  if (nl <= 0 || nl > 300_000) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(detail.slice(0, nl));
  } catch {
    return null;
  }
  const meta = TapMetaSchema.safeParse(raw);
  if (!meta.success) return null;
  return { meta: meta.data, text: detail.slice(nl + 1) };
}
