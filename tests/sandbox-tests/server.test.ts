import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { beijingMidnightMs, CARD_CODES, HOME_KPI_CODES, PEER_CODES, SHOP_A, SHOP_B } from '../sandbox/generator/index.ts';
import { type Sandbox, startSandbox } from '../sandbox/server.ts';
import { SANDBOX_HOSTS } from '../sandbox/tls.ts';
import { cookiesOf, send } from './sandbox-http';

let sb: Sandbox;
const TODAY = '2026-11-29';
const D = '2026-11-28';

const get = (path: string, opts: { host?: string; cookie?: string } = {}) =>
  send(sb, opts.host ?? 'sycm.taobao.com', path, opts.cookie ? { headers: { cookie: opts.cookie } } : {});

const q = (date: string, token = SHOP_A.legalityToken) => `dateType=day&dateRange=${date}%7C${date}&needCycleCrc=true&token=${token}&_=${Date.now()}`;

interface Envelope {
  hasError: boolean;
  content: { code: number; message: string; data: unknown };
}
async function api(path: string, date = D, opts: { token?: string; cookie?: string } = {}): Promise<Envelope> {
  const r = await get(`${path}?${q(date, opts.token)}`, { cookie: opts.cookie });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toMatch(/application\/json/);
  return JSON.parse(r.body) as Envelope;
}

type Wrapped = { value: unknown; cycleCrc?: number | null; syncCrc?: number | null };
type Blocks = { self: Record<string, Wrapped>; rivalAvg: Record<string, Wrapped>; rivalGood: Record<string, Wrapped> };

beforeAll(async () => {
  sb = await startSandbox({ port: 0, today: TODAY });
});
afterAll(async () => {
  await sb.close();
});
afterEach(() => sb.setFault('none'));

describe('TLS', () => {
  it('serves a certificate whose SPKI hash is the advertised one and whose SAN covers all hosts', async () => {
    const { cert } = await get('/');
    const der = cert?.raw ? new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' }) : Buffer.alloc(0);
    expect(createHash('sha256').update(der).digest('base64')).toBe(sb.spkiHash);
    for (const h of [...SANDBOX_HOSTS, 'localhost']) expect(cert?.subjectaltname).toContain(`DNS:${h}`);
    expect(cert?.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(SANDBOX_HOSTS).toHaveLength(7);
  });
});

describe('portal APIs', () => {
  for (const v of ['v3', 'v2']) {
    it(`overview/${v}: §11.1 shape and values`, async () => {
      const env = await api(`/portal/coreIndex/new/overview/${v}.json`);
      expect(env.hasError).toBe(false);
      expect(env.content.code).toBe(0);
      expect(env.content.message).toBe('操作成功');
      const data = env.content.data as Blocks;
      expect(Object.keys(data).sort()).toEqual(['rivalAvg', 'rivalGood', 'self']);
      const truth = sb.world.shopDay(SHOP_A.runAsShopId, D);
      const prev = sb.world.shopDay(SHOP_A.runAsShopId, '2026-11-27');
      expect(Object.keys(data.self).sort()).toEqual([...CARD_CODES, 'statDate'].sort());
      for (const c of CARD_CODES) {
        expect(data.self[c]?.value).toBe(truth[c]);
        expect(data.self[c]?.cycleCrc).toBeCloseTo((truth[c] - prev[c]) / prev[c], 4);
      }
      expect(data.self.statDate).toEqual({ value: beijingMidnightMs(D) });
      expect(data.self.statDate?.value).toBe(Date.parse('2026-11-28T00:00:00+08:00'));
      for (const c of PEER_CODES) {
        expect(typeof data.rivalAvg[c]?.value).toBe('number');
        expect(typeof data.rivalGood[c]?.value).toBe('number');
      }
    });
  }

  it('trend/v3: aligned arrays', async () => {
    const env = await api('/portal/coreIndex/new/trend/v3.json');
    const data = env.content.data as { statDate: number[]; self: Record<string, (number | null)[]>; rivalAvg: Record<string, number[]> };
    expect(data.statDate).toHaveLength(30);
    expect(data.statDate.at(-1)).toBe(beijingMidnightMs(D));
    expect(data.statDate[0]).toBe(beijingMidnightMs('2026-10-30'));
    expect([...data.statDate].sort((a, b) => a - b)).toEqual(data.statDate);
    expect(Object.keys(data.self).sort()).toEqual([...HOME_KPI_CODES].sort());
    for (const c of HOME_KPI_CODES) expect(data.self[c]).toHaveLength(30);
    expect(data.self.uv?.[29]).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D).uv);
    expect(data.self.payAmt?.[0]).toBe(sb.world.shopDay(SHOP_A.runAsShopId, '2026-10-30').payAmt);
    expect(Object.keys(data.rivalAvg).sort()).toEqual(['payAmt', 'uv']);
    expect(data.rivalAvg.uv).toHaveLength(30);
  });

  it('trend/v3 near the start of history pads with null', async () => {
    const env = await api('/portal/coreIndex/new/trend/v3.json', '2025-06-05');
    const data = env.content.data as { self: Record<string, (number | null)[]> };
    expect(data.self.uv?.slice(0, 25).every((v) => v === null)).toBe(true);
    expect(typeof data.self.uv?.[25]).toBe('number');
  });

  it('trend/v2: array of wrapped objects', async () => {
    const env = await api('/portal/coreIndex/new/trend/v2.json');
    const data = env.content.data as Record<string, { value: number | null }>[];
    expect(data).toHaveLength(30);
    const last = data[29];
    expect(last?.statDate?.value).toBe(beijingMidnightMs(D));
    for (const c of HOME_KPI_CODES) expect(last?.[c]?.value).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D)[c]);
  });

  for (const v of ['v3', 'v2']) {
    it(`getTableData/${v}: all codes with value/cycleCrc/syncCrc`, async () => {
      const env = await api(`/portal/coreIndex/new/getTableData/${v}.json`);
      const data = env.content.data as Blocks;
      expect(Object.keys(data.self).sort()).toEqual([...HOME_KPI_CODES].sort());
      const truth = sb.world.shopDay(SHOP_A.runAsShopId, D);
      const week = sb.world.shopDay(SHOP_A.runAsShopId, '2026-11-21');
      for (const c of HOME_KPI_CODES) {
        expect(data.self[c]?.value).toBe(truth[c]);
        expect(data.self[c]).toHaveProperty('cycleCrc');
        expect(data.self[c]?.syncCrc).toBeCloseTo((truth[c] - week[c]) / week[c], 4);
      }
      for (const c of PEER_CODES) expect(data.rivalGood[c]).toHaveProperty('value');
    });
  }

  it('dates without data → 1003', async () => {
    for (const date of ['2025-05-31', TODAY, '2027-01-01']) {
      const env = await api('/portal/coreIndex/new/overview/v3.json', date);
      expect(env).toEqual({ hasError: false, content: { code: 1003, message: '日期超出可查询范围', data: null } });
    }
    const env = await api('/portal/coreIndex/new/getTableData/v3.json', '2025-06-01');
    expect(env.content.code).toBe(0);
  });

  it('wrong or missing token → 5810', async () => {
    const wrong = await api('/portal/coreIndex/new/overview/v3.json', D, { token: 'deadbeef0' });
    expect(wrong).toEqual({ hasError: false, content: { code: 5810, message: 'You must login system first' } });
    const r = await get(`/portal/coreIndex/new/overview/v3.json?dateType=day&dateRange=${D}%7C${D}`);
    expect((JSON.parse(r.body) as Envelope).content.code).toBe(5810);
    const crossed = await api('/portal/coreIndex/new/overview/v3.json', D, { cookie: 'sandbox_shop=B' });
    expect(crossed.content.code).toBe(5810);
  });

  it('shop B via cookie + B token → B data', async () => {
    const env = await api('/portal/coreIndex/new/overview/v3.json', D, { cookie: 'sandbox_shop=B', token: SHOP_B.legalityToken });
    expect((env.content.data as Blocks).self.uv?.value).toBe(sb.world.shopDay(SHOP_B.runAsShopId, D).uv);
  });

  it('Host header with a port is routed too', async () => {
    const r = await get(`/portal/coreIndex/new/overview/v3.json?${q(D)}`, { host: 'sycm.taobao.com:8443' });
    expect((JSON.parse(r.body) as Envelope).content.code).toBe(0);
  });
});

describe('pages and identity', () => {
  it('home page carries microdata, g_config and identity cookies (shop A)', async () => {
    const r = await get('/portal/home.htm');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain(
      `<meta name="microdata" content="legalityToken=1aa656228;runAsShopId=106033221;runAsShopTitle=${encodeURIComponent('暖居家纺旗舰店')};mainUserId=2206514830;mainUserName=${encodeURIComponent('暖居家纺旗舰店')};loginUserName=${encodeURIComponent('暖居家纺旗舰店:小王')}">`,
    );
    const m = /window\.g_config = (\{.*?\});/.exec(r.body);
    const g = JSON.parse(m?.[1] ?? '{}') as Record<string, string>;
    expect(g).toMatchObject({
      token: '1aa656228',
      runAsShopId: '106033221',
      runAsShopTitle: '暖居家纺旗舰店',
      mainUserId: '2206514830',
      mainUserName: '暖居家纺旗舰店',
      loginUserName: '暖居家纺旗舰店:小王',
      runAsUserId: '2206514830',
      runAsUserName: '暖居家纺旗舰店',
    });
    expect(g.loginUserId).toMatch(/^\d+$/);
    const cookies = cookiesOf(r);
    const nick = '%5Cu6696%5Cu5C45%5Cu5BB6%5Cu7EBA%5Cu65D7%5Cu8230%5Cu5E97%3A%5Cu5C0F%5Cu738B';
    for (const name of ['tracknick', '_nk_', 'lgc']) {
      const c = cookies.find((x) => x.startsWith(`${name}=`));
      expect(c).toContain(`${name}=${nick};`);
      expect(c).toContain('Domain=.taobao.com');
    }
    // decoding path an extension would use
    const decoded = decodeURIComponent(nick).replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    expect(decoded).toBe('暖居家纺旗舰店:小王');
    expect(cookies.some((x) => /^_tb_token_=\w+;/.test(x))).toBe(true);
    for (const id of ['date-picker', 'prev-day', 'next-day', 'shop-switcher']) expect(r.body).toContain(`id="${id}"`);
    for (const c of CARD_CODES) expect(r.body).toContain(`data-kpi="${c}"`);
    for (const c of HOME_KPI_CODES) expect(r.body).toContain(`data-index-code="${c}"`);
    expect(r.body).toContain('«前一天');
    expect(r.body).toContain('后一天»');
  });

  it('home page for shop B', async () => {
    const r = await get('/portal/home.htm', { cookie: 'sandbox_shop=B' });
    expect(r.body).toContain('legalityToken=ff25b109b;runAsShopId=106078842');
    expect(r.body).toContain('"loginUserName":"轻野户外旗舰店:阿杰"');
  });

  it('noidentity fault strips meta, g_config and identity cookies', async () => {
    sb.setFault('noidentity');
    const r = await get('/portal/home.htm');
    expect(r.body).not.toContain('name="microdata"');
    expect(r.body).not.toContain('g_config');
    expect(r.body).not.toContain('暖居家纺旗舰店');
    const cookies = cookiesOf(r);
    expect(cookies.every((c) => /Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    // the page still works (its API calls succeed)
    expect((await api('/portal/coreIndex/new/overview/v3.json')).content.code).toBe(0);
  });

  it('login page, index, other hosts', async () => {
    const login = await get('/custom/login.htm?_target=x');
    expect(login.status).toBe(200);
    expect(login.body).toContain('登录');
    const index = await get('/');
    expect(index.body).toContain('/portal/home.htm');
    for (const host of SANDBOX_HOSTS.filter((h) => h !== 'sycm.taobao.com')) {
      const r = await get('/anything', { host });
      expect(r.body, host).toContain('尚未实现');
    }
  });
});

describe('fault injection', () => {
  const OV = '/portal/coreIndex/new/overview/v3.json';
  const TABLE = '/portal/coreIndex/new/getTableData/v3.json';

  it('set via /__sandbox/fault on any host; unknown mode → 400', async () => {
    const r = await get('/__sandbox/fault?mode=error5810', { host: 'one.alimama.com' });
    expect(JSON.parse(r.body)).toEqual({ ok: true, mode: 'error5810' });
    const env = await api(OV);
    expect(env).toEqual({ hasError: false, content: { code: 5810, message: 'You must login system first' } });
    await get('/__sandbox/fault?mode=none');
    expect((await api(OV)).content.code).toBe(0);
    expect((await get('/__sandbox/fault?mode=bogus')).status).toBe(400);
  });

  it('login: APIs 302 to /custom/login.htm?_target=…', async () => {
    sb.setFault('login');
    const r = await get(`${OV}?${q(D)}`);
    expect(r.status).toBe(302);
    const loc = String(r.headers.location);
    expect(loc.startsWith('https://sycm.taobao.com/custom/login.htm?_target=')).toBe(true);
    expect(decodeURIComponent(loc.split('_target=')[1] ?? '')).toContain(OV);
  });

  it('html: API answers a 200 HTML page', async () => {
    sb.setFault('html');
    const r = await get(`${TABLE}?${q(D)}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toMatch(/^<!doctype html>/i);
  });

  it('malformed: payAmt "abc", uv missing, table values null', async () => {
    sb.setFault('malformed');
    const ov = (await api(OV)).content.data as Blocks;
    expect(ov.self.payAmt?.value).toBe('abc');
    expect(ov.self).not.toHaveProperty('uv');
    const table = (await api(TABLE)).content.data as Blocks;
    for (const c of HOME_KPI_CODES) expect(table.self[c]?.value).toBeNull();
  });

  it('huge: table ≥ 10× its usual size, still a valid envelope', async () => {
    const normal = await get(`${TABLE}?${q(D)}`);
    sb.setFault('huge');
    const huge = await get(`${TABLE}?${q(D)}`);
    expect(huge.body.length).toBeGreaterThanOrEqual(10 * normal.body.length);
    const env = JSON.parse(huge.body) as Envelope;
    expect(env.content.code).toBe(0);
    const data = env.content.data as Blocks;
    expect(data.self.payAmt?.value).toBe(sb.world.shopDay(SHOP_A.runAsShopId, D).payAmt);
  });
});

describe('/__sandbox helpers', () => {
  it('planted', async () => {
    const r = await get('/__sandbox/planted');
    const list = JSON.parse(r.body) as { kind: string; from: string; to: string }[];
    expect(list).toEqual(sb.world.plantedProblems());
    expect(list[0]).toMatchObject({ kind: 'traffic-drop', from: '2026-11-16', to: '2026-11-22' });
  });

  it('truth', async () => {
    const r = await get(`/__sandbox/truth?shop=${SHOP_A.runAsShopId}&date=2026-11-18`);
    expect(JSON.parse(r.body)).toEqual(sb.world.shopDay(SHOP_A.runAsShopId, '2026-11-18'));
    expect((await get('/__sandbox/truth?shop=nope&date=2026-11-18')).status).toBe(400);
  });
});
