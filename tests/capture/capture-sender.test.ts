/** The content script's un-acknowledged queue: captures survive a stopped service worker. */
import { describe, expect, it } from 'vitest';
import { CaptureSender, PENDING_PREFIX, RETRY_DELAYS_MS, RETRY_MAX_ITEMS } from '@/lib/capture/forward';
import { OpsRadarDB } from '@/lib/db/database';
import { drainPendingCaptures } from '@/lib/ingest/handle-capture';
import type { CaptureAck, CaptureMessage } from '@/lib/schema/capture';
import { captureMsg, fixture, sycmUrl } from '../helpers';

const msg = (i: number, size = 10): CaptureMessage => ({
  meta: { kind: 'fetch', method: 'GET', url: `https://sycm.taobao.com/portal/x.json?i=${i}`, status: 200, size },
  responseText: 'x'.repeat(size),
  pageUrl: 'https://sycm.taobao.com/portal/home.htm',
  identity: { via: 'none' },
  capturedAt: i,
});

/** Manual clock: timers run only when the test says so. */
function manualTimers() {
  const due: { fn: () => void; ms: number }[] = [];
  return {
    due,
    timers: {
      set: (fn: () => void, ms: number) => {
        due.push({ fn, ms });
        return due.length as unknown as ReturnType<typeof setTimeout>;
      },
      clear: () => {
        due.length = 0;
      },
    },
    async fire() {
      const next = due.shift();
      next?.fn();
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('CaptureSender', () => {
  it('re-sends captures the worker did not acknowledge, in order, once it is back', async () => {
    let up = false;
    const stored: number[] = [];
    const send = async (m: CaptureMessage): Promise<CaptureAck> => {
      if (!up) throw new Error('Could not establish connection. Receiving end does not exist.');
      stored.push(m.capturedAt);
      return { outcome: 'stored', facts: 1 };
    };
    const clock = manualTimers();
    const s = new CaptureSender(send, clock.timers);
    for (let i = 1; i <= 3; i++) s.submit(msg(i));
    await tick();
    expect(s.pending).toBe(3);
    expect(clock.due[0]?.ms).toBe(RETRY_DELAYS_MS[0]);
    await clock.fire(); // still down
    expect(s.pending).toBe(3);
    up = true;
    await clock.fire();
    expect(stored).toEqual([1, 2, 3]);
    expect(s.pending).toBe(0);
    expect(s.acked).toBe(3);
  });

  it('an acknowledged capture is never re-sent', async () => {
    let calls = 0;
    const clock = manualTimers();
    const s = new CaptureSender(async () => {
      calls++;
      return { outcome: 'stored', facts: 2 };
    }, clock.timers);
    s.submit(msg(1));
    await tick();
    expect(calls).toBe(1);
    expect(clock.due).toHaveLength(0);
  });

  it('is bounded: the oldest un-acknowledged captures are dropped and counted', async () => {
    const clock = manualTimers();
    const s = new CaptureSender(async () => {
      throw new Error('port closed');
    }, clock.timers);
    for (let i = 0; i < RETRY_MAX_ITEMS + 5; i++) s.submit(msg(i));
    await tick();
    expect(s.pending).toBe(RETRY_MAX_ITEMS);
    expect(s.dropped).toBe(5);
  });

  it('gives up on a capture after the last back-off step', async () => {
    const clock = manualTimers();
    const s = new CaptureSender(async () => {
      throw new Error('down');
    }, clock.timers);
    s.submit(msg(1));
    await tick();
    for (let i = 0; i < RETRY_DELAYS_MS.length + 1; i++) await clock.fire();
    expect(s.pending).toBe(0);
    expect(s.dropped).toBe(1);
  });
});

describe('pending captures in extension storage', () => {
  it('an un-acknowledged capture is saved, and removed once acknowledged', async () => {
    const saved = new Map<string, CaptureMessage>();
    const store = {
      save: async (id: string, m: CaptureMessage) => void saved.set(id, m),
      drop: async (id: string) => void saved.delete(id),
    };
    let up = false;
    const clock = manualTimers();
    const s = new CaptureSender(
      async () => {
        if (!up) throw new Error('port closed');
        return { outcome: 'stored', facts: 1 };
      },
      clock.timers,
      store,
    );
    s.submit(msg(1));
    await tick();
    expect([...saved.keys()]).toHaveLength(1);
    expect([...saved.keys()][0]?.startsWith(PENDING_PREFIX)).toBe(true);
    up = true;
    await clock.fire();
    expect(saved.size).toBe(0);
  });

  it('leaving the page parks captures still waiting for an answer; answered ones are not parked', async () => {
    const saved = new Map<string, CaptureMessage>();
    const store = {
      save: async (id: string, m: CaptureMessage) => void saved.set(id, m),
      drop: async (id: string) => void saved.delete(id),
    };
    const answers: ((a: CaptureAck) => void)[] = [];
    const s = new CaptureSender(() => new Promise<CaptureAck>((r) => answers.push(r)), manualTimers().timers, store);
    s.submit(msg(1));
    s.submit(msg(2));
    answers[0]?.({ outcome: 'stored', facts: 1 });
    await tick();
    expect(s.parkInFlight()).toBe(1);
    await tick();
    expect([...saved.values()].map((m) => m.capturedAt)).toEqual([2]);
    expect(s.parkInFlight()).toBe(0);
  });

  it('the background drains what a page left behind: stored once, keys removed, foreign pages refused', async () => {
    const db = new OpsRadarDB(`test-drain-${Date.now()}`);
    await db.open();
    const good = captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', '2026-06-01'), fixture('sycm-home', 'overview-v3.json'));
    const area = new Map<string, unknown>([
      [`${PENDING_PREFIX}a-1`, good],
      [`${PENDING_PREFIX}a-2`, good],
      [`${PENDING_PREFIX}b-1`, { ...good, pageUrl: 'https://evil.example.com/' }],
      ['other-key', { keep: true }],
    ]);
    const r = await drainPendingCaptures(
      db,
      {
        get: async () => Object.fromEntries(area),
        remove: async (ks) => {
          for (const k of ks) area.delete(k);
        },
      },
      PENDING_PREFIX,
    );
    expect(r).toMatchObject({ drained: 3, stored: 1, shopIds: ['106033221'] });
    expect([...area.keys()]).toEqual(['other-key']);
    expect(await db.facts.count()).toBe(3);
  });
});
