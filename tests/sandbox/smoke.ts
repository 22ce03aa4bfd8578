/**
 * Browser smoke check (not a vitest test): real Chromium, real host names through --host-resolver-rules.
 *   npx tsx tests/sandbox/smoke.ts
 * Saves /tmp/sandbox-home-A.png and /tmp/sandbox-home-B.png.
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.ts';
import { startSandbox } from './server.ts';

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`smoke: ${msg}`);
}

async function main(): Promise<void> {
  const found = findChromium();
  if ('error' in found) throw new Error(found.error);
  const sb = await startSandbox({ port: 0, today: process.env.SANDBOX_TODAY ?? '2026-11-29' });
  const browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: chromiumArgs({ port: sb.port, spkiHash: sb.spkiHash }),
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 1500 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/portal/coreIndex/')) apiCalls.push(`${r.resourceType()} ${new URL(r.url()).pathname}`);
    });
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') console.error('console:', m.text());
    });

    await page.goto(`${sb.origin()}/portal/home.htm`);
    const yesterday = '2026-11-28';
    await page.waitForSelector(`body[data-rendered-date="${yesterday}"]`);
    assert(page.url().includes(`dateRange=${yesterday}%7C${yesterday}`), `url ${page.url()}`);
    const gConfig = await page.evaluate(() => (window as unknown as { g_config?: { runAsShopId?: string } }).g_config?.runAsShopId);
    assert(gConfig === '106033221', `g_config ${gConfig}`);
    const cookies = await context.cookies('https://sycm.taobao.com');
    assert(
      cookies.some((c) => c.name === 'tracknick' && c.domain === '.taobao.com'),
      'tracknick cookie',
    );

    // Previous day via the button, then a date via the picker.
    await page.click('#prev-day');
    await page.waitForSelector('body[data-rendered-date="2026-11-27"]');
    await page.fill('#date-picker', '2026-11-18');
    await page.dispatchEvent('#date-picker', 'change');
    await page.waitForSelector('body[data-rendered-date="2026-11-18"]');
    assert(page.url().includes('dateRange=2026-11-18%7C2026-11-18'), `pushState url ${page.url()}`);
    const truthA = sb.world.shopDay('106033221', '2026-11-18');
    const uvText = await page.textContent('[data-kpi="uv"] .value');
    console.log('A 2026-11-18 uv card:', uvText, 'truth', truthA.uv);
    assert(uvText?.replace(/,/g, '').includes(String(truthA.uv)) || uvText?.includes('万'), 'uv card value');
    await page.click('[data-kpi="uv"]');
    await page.screenshot({ path: '/tmp/sandbox-home-A.png', fullPage: true });

    // Switch shop → cookie + reload keeps the date.
    await page.selectOption('#shop-switcher', 'B');
    await page.waitForSelector('body[data-rendered-date="2026-11-18"]');
    const shopB = await page.evaluate(() => (window as unknown as { g_config?: { runAsShopTitle?: string } }).g_config?.runAsShopTitle);
    assert(shopB === '轻野户外旗舰店', `shop B g_config ${shopB}`);
    await page.click('#next-day');
    await page.waitForSelector('body[data-rendered-date="2026-11-19"]');
    await page.screenshot({ path: '/tmp/sandbox-home-B.png', fullPage: true });

    const kinds = new Set(apiCalls.map((c) => c.split(' ')[0]));
    assert(kinds.has('fetch') && kinds.has('xhr'), `request kinds ${[...kinds].join(',')}`);

    // Fault: login wall shows an error instead of a render.
    sb.setFault('error5810');
    await page.click('#prev-day');
    await page.waitForSelector('body[data-render-error="5810"]');
    sb.setFault('login');
    await page.click('#prev-day');
    await page.waitForSelector('body[data-render-error="login"]');
    sb.setFault('malformed');
    await page.click('#prev-day');
    await page.waitForSelector('body[data-rendered-date]');
    assert((await page.textContent('[data-kpi="payAmt"] .value')) === '-', 'malformed payAmt renders as -');
    sb.setFault('none');

    // Other hosts are mapped too.
    const other = await context.newPage();
    await other.goto('https://one.alimama.com/');
    assert((await other.textContent('h1')) === '尚未实现', 'one.alimama.com placeholder');

    console.log(`OK — ${apiCalls.length} API calls (${[...kinds].join('+')}); screenshots in /tmp/sandbox-home-{A,B}.png`);
  } finally {
    await browser.close();
    await sb.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
