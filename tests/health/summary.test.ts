import { beforeEach, describe, expect, it } from 'vitest';
import { OpsRadarDB } from '@/lib/db/database';
import { healthLine } from '@/lib/health/summary';
import { handleCapture } from '@/lib/ingest/handle-capture';
import { captureMsg, fixture, HOME_PAGE, sycmUrl } from '../helpers';

let db: OpsRadarDB;
let n = 0;
beforeEach(async () => {
  db = new OpsRadarDB(`test-health-${++n}`);
  await db.open();
});

const AT = Date.UTC(2026, 5, 10, 4); // 2026-06-10 12:00 Shanghai
const sender = { url: HOME_PAGE };
const overview = (date: string, self: Record<string, unknown>, at = AT) => ({
  ...captureMsg(sycmUrl('/portal/coreIndex/new/overview/v3.json', date), JSON.stringify({ hasError: false, content: { code: 0, data: { self } } })),
  capturedAt: at,
});

describe('capture health in plain words', () => {
  it('a broken field: names the path and counts today’s skipped captures', async () => {
    for (let i = 0; i < 3; i++) await handleCapture(db, overview('2026-06-01', { payAmt: { value: 'abc' } }), sender, { now: AT + i });
    const row = await db.health.get('sycm-home|overview');
    const line = healthLine(row!, 'zh', '2026-06-10');
    expect(line.level).toBe('error');
    expect(line.name).toBe('生意参谋·首页·核心指标');
    expect(line.text).toBe('字段 self.payAmt.value 不是数字，今日 3 次采集被跳过');
    expect(healthLine(row!, 'en', '2026-06-10').text).toContain('3 capture(s) skipped today');
  });

  it('drift: a metric the route delivered before and stopped delivering', async () => {
    await handleCapture(db, overview('2026-06-01', { payAmt: { value: 1 }, uv: { value: 2 } }), sender, { now: AT });
    for (let i = 2; i <= 4; i++) await handleCapture(db, overview(`2026-06-0${i}`, { uv: { value: i } }), sender, { now: AT + i });
    const row = await db.health.get('sycm-home|overview');
    expect(row?.missing).toEqual({ payAmt: 3 });
    const line = healthLine(row!, 'zh', '2026-06-10');
    expect(line.level).toBe('warn');
    expect(line.text).toContain('不再提供：支付金额');
    // It comes back: no more drift.
    await handleCapture(db, overview('2026-06-05', { payAmt: { value: 1 }, uv: { value: 2 } }), sender, { now: AT + 9 });
    expect((await db.health.get('sycm-home|overview'))?.missing).toEqual({});
  });

  it('a healthy route says how many captures succeeded today; yesterday’s counts do not leak', async () => {
    await handleCapture(db, overview('2026-06-01', { uv: { value: 2 } }), sender, { now: AT });
    const row = await db.health.get('sycm-home|overview');
    expect(healthLine(row!, 'zh', '2026-06-10')).toMatchObject({ level: 'ok', text: '今日成功 1 次' });
    expect(healthLine(row!, 'zh', '2026-06-11').level).toBe('idle');
  });
});
