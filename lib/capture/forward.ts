import { parseBridgeDetail } from '../messaging/page-bridge';
import type { CaptureAck, CaptureMessage } from '../schema/capture';
import type { ShopIdentity } from '../schema/shop';

/**
 * Isolated-world side: turn one bridge event into a capture message with the page context.
 * The identity is the document's pinned one (identity.ts `IdentityPin`), never anything the
 * event carries: the tap's `globals` are dropped, so a forged bridge message cannot pick its shop.
 */
export function buildCaptureMessage(detail: unknown, page: { url: string; identity: ShopIdentity }, now: number): CaptureMessage | null {
  const parsed = parseBridgeDetail(detail);
  if (!parsed) return null;
  const { globals: _ignored, ...meta } = parsed.meta;
  return { meta, responseText: parsed.text, pageUrl: page.url, identity: page.identity, capturedAt: now };
}

/** Limits of the un-acknowledged queue: a few captures, never more than this many characters. */
export const RETRY_MAX_ITEMS = 20;
export const RETRY_MAX_CHARS = 16 * 1024 * 1024;
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000] as const;

/**
 * Sends captures to the background and keeps each one until the background acknowledges it.
 * When the service worker is stopped mid-ingest the message fails (port closed, no receiver);
 * the capture is then re-sent with back-off once the worker is back. Re-sending is safe: the
 * background's merge makes a capture already stored a no-op. Bounded in count and size: when
 * full, the oldest un-acknowledged capture is dropped from memory (and counted); with a
 * PendingStore it stays there for the background to drain.
 */
/**
 * Where an un-acknowledged capture is also written (extension storage, which page scripts cannot
 * reach): the in-memory queue dies with the page when the operator navigates on while the worker
 * is down; the background drains what is left here when it starts (handle-capture.ts).
 */
export interface PendingStore {
  save(id: string, msg: CaptureMessage): Promise<void>;
  drop(id: string): Promise<void>;
}

export const PENDING_PREFIX = 'pendingCapture:';

export class CaptureSender {
  #queue: { msg: CaptureMessage; tries: number; id: string }[] = [];
  #seq = 0;
  readonly #prefix = `${PENDING_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-`;
  #chars = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight = false;
  dropped = 0;
  acked = 0;

  constructor(
    private readonly send: (msg: CaptureMessage) => Promise<CaptureAck | undefined>,
    private readonly timers: { set(fn: () => void, ms: number): ReturnType<typeof setTimeout>; clear(t: ReturnType<typeof setTimeout>): void } = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (t) => clearTimeout(t),
    },
    private readonly store?: PendingStore,
  ) {}

  get pending(): number {
    return this.#queue.length;
  }

  /** Sent and not answered yet: parked by `parkInFlight` if the page goes away first. */
  #inFlightMsgs = new Set<CaptureMessage>();

  /** Send now; on failure keep it for a retry. Never throws. */
  submit(msg: CaptureMessage): void {
    this.#inFlightMsgs.add(msg);
    this.send(msg).then(
      (ack) => {
        this.#inFlightMsgs.delete(msg);
        if (ack) this.acked++;
        else this.#keep(msg, 1);
      },
      () => {
        this.#inFlightMsgs.delete(msg);
        this.#keep(msg, 1);
      },
    );
  }

  /**
   * The page is being left: a message still waiting for its answer may never get one (a stopped
   * service worker woken by it can find the sending frame gone). Park every such message in the
   * store, where the background drains it; a duplicate of a capture that did land changes nothing.
   */
  parkInFlight(): number {
    let n = 0;
    for (const msg of this.#inFlightMsgs) {
      this.store?.save(`${this.#prefix}${++this.#seq}`, msg).catch(() => {});
      n++;
    }
    this.#inFlightMsgs.clear();
    return n;
  }

  #keep(msg: CaptureMessage, tries: number): void {
    const id = `${this.#prefix}${++this.#seq}`;
    this.store?.save(id, msg).catch(() => {});
    const size = msg.responseText.length;
    if (size > RETRY_MAX_CHARS || tries > RETRY_DELAYS_MS.length) {
      this.dropped++;
      return;
    }
    this.#queue.push({ msg, tries, id });
    this.#chars += size;
    while (this.#queue.length > RETRY_MAX_ITEMS || this.#chars > RETRY_MAX_CHARS) {
      const old = this.#queue.shift();
      if (!old) break;
      this.#chars -= old.msg.responseText.length;
      this.dropped++;
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#inFlight || !this.#queue.length) return;
    const tries = Math.min(...this.#queue.map((q) => q.tries));
    const delay = RETRY_DELAYS_MS[Math.min(tries - 1, RETRY_DELAYS_MS.length - 1)] ?? 1000;
    this.#timer = this.timers.set(() => {
      this.#timer = null;
      void this.#flush();
    }, delay);
  }

  /** Re-send the queue in capture order, one at a time; stop at the first failure. */
  async #flush(): Promise<void> {
    this.#inFlight = true;
    try {
      while (this.#queue.length) {
        const head = this.#queue[0];
        if (!head) break;
        let ok = false;
        try {
          ok = !!(await this.send(head.msg));
        } catch {
          ok = false;
        }
        if (!ok) {
          head.tries++;
          if (head.tries > RETRY_DELAYS_MS.length) {
            this.#queue.shift();
            this.#chars -= head.msg.responseText.length;
            this.dropped++;
            continue;
          }
          break;
        }
        this.#queue.shift();
        this.#chars -= head.msg.responseText.length;
        this.acked++;
        this.store?.drop(head.id).catch(() => {});
      }
    } finally {
      this.#inFlight = false;
      this.#schedule();
    }
  }

  stop(): void {
    if (this.#timer) this.timers.clear(this.#timer);
    this.#timer = null;
    this.#queue = [];
    this.#chars = 0;
  }
}
