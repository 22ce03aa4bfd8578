import { describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium, hostResolverRules, INSTALL_HINT } from '../sandbox/chromium.ts';

describe('chromium helper', () => {
  it('builds the flags', () => {
    const args = chromiumArgs({ port: 9443, spkiHash: 'abc=', extensionDir: '/ext' });
    expect(args[0]).toBe(`--host-resolver-rules=${hostResolverRules(9443)}`);
    expect(args[0]).toContain('MAP sycm.taobao.com 127.0.0.1:9443, MAP myseller.taobao.com 127.0.0.1:9443');
    expect(args[0]?.match(/MAP /g)).toHaveLength(7);
    expect(args).toContain('--ignore-certificate-errors-spki-list=abc=');
    expect(args).toContain('--disable-quic');
    expect(args).toContain('--load-extension=/ext');
    expect(args).toContain('--disable-extensions-except=/ext');
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
    expect(chromiumArgs({ port: 1, spkiHash: 'x' }).some((a) => a.startsWith('--load-extension'))).toBe(false);
  });

  it('finds a browser or explains what to install', () => {
    const found = findChromium();
    if ('path' in found) expect(found.path).toMatch(/chrom/);
    else expect(found.error).toContain('apt-get install chromium');
    expect(INSTALL_HINT).toContain('137');
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chrome';
    try {
      const r = findChromium();
      expect('error' in r && r.error).toContain('CHROMIUM_PATH');
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
