import { z } from 'zod';
import { ShopIdentitySchema } from './shop';

/** Largest response the content script forwards; larger ones are counted, not parsed. */
export const MAX_RESPONSE_CHARS = 50 * 1024 * 1024;
export const MAX_REQUEST_BODY_CHARS = 256 * 1024;
export const MAX_URL_CHARS = 8 * 1024;

/** What the MAIN-world tap reports about one response (untrusted: the page can forge it). */
export const TapMetaSchema = z.object({
  kind: z.enum(['fetch', 'xhr', 'jsonp']),
  method: z.string().max(10),
  url: z.string().max(MAX_URL_CHARS),
  requestBody: z.string().max(MAX_REQUEST_BODY_CHARS).optional(),
  status: z.number().int().min(0).max(999),
  contentType: z.string().max(200).optional(),
  /** Set when the tap skipped the body (too large); responseText is then empty. */
  truncated: z.boolean().optional(),
  size: z.number().int().min(0),
  globals: z.record(z.string(), z.string().max(200)).optional(),
});
export type TapMeta = z.infer<typeof TapMetaSchema>;

/**
 * What the content script itself read from the rendered page (DOM readers). Never comes
 * through the page bridge, so a page script cannot forge one.
 */
export const DomMetaSchema = z.object({
  kind: z.literal('dom'),
  method: z.literal('DOM'),
  /** The page URL the reader ran on. */
  url: z.string().max(MAX_URL_CHARS),
  adapter: z.string().max(60),
  reader: z.string().max(60),
  status: z.literal(200),
  size: z.number().int().min(0),
});
export type DomMeta = z.infer<typeof DomMetaSchema>;

/** Content script → background: one captured response with its page context. */
export const CaptureMessageSchema = z.object({
  meta: z.union([TapMetaSchema, DomMetaSchema]),
  responseText: z.string().max(MAX_RESPONSE_CHARS),
  pageUrl: z.string().max(MAX_URL_CHARS),
  identity: ShopIdentitySchema,
  capturedAt: z.number(),
});
export type CaptureMessage = z.infer<typeof CaptureMessageSchema>;

export const CAPTURE_OUTCOMES = [
  'stored',
  'unchanged',
  'unmatched',
  'rejected',
  'unidentified',
  'login',
  'platform-error',
  'too-large',
  'invalid',
  'paused',
  'storage-full',
] as const;
export type CaptureOutcome = (typeof CAPTURE_OUTCOMES)[number];

export interface CaptureAck {
  outcome: CaptureOutcome;
  facts: number;
  message?: string;
}
