/** Minimal request/response model shared by the host modules. */
import type { IncomingHttpHeaders } from 'node:http';
import type { World } from './generator/index.ts';

export const FAULT_MODES = ['none', 'login', 'html', 'malformed', 'huge', 'error5810', 'noidentity'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export function isFaultMode(m: string): m is FaultMode {
  return (FAULT_MODES as readonly string[]).includes(m);
}

/** Mutable server-wide state. */
export interface SandboxState {
  readonly world: World;
  today: string;
  fault: FaultMode;
}

export interface SandboxRequest {
  readonly method: string;
  /** Host header without port, lower-case. */
  readonly host: string;
  readonly url: URL;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly cookies: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Request body as text ('' for GET); POST reports carry their dimensions here. */
  readonly body?: string;
}

export interface SandboxResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
}

export type Handler = (req: SandboxRequest, state: SandboxState) => SandboxResponse | null;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

export function json(data: unknown, status = 200, extra: Record<string, string | string[]> = {}): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', ...extra },
    body: JSON.stringify(data),
  };
}

export function html(body: string, status = 200, extra: Record<string, string | string[]> = {}): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html;charset=UTF-8', 'cache-control': 'no-store', ...extra }, body };
}

export function redirect(location: string, status = 302): SandboxResponse {
  return { status, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON for embedding inside an inline <script>. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
