import { describe, expect, it } from 'vitest';
import { decodeNickCookie, mainNickOf, parseMicrodata, readIdentity } from '@/lib/capture/identity';

describe('shop identity', () => {
  it('reads the microdata meta tag (URL-encoded values)', () => {
    const md = `legalityToken=1aa656228;runAsShopId=106033221;runAsShopTitle=${encodeURIComponent('暖居家纺旗舰店')};mainUserId=2206514830;mainUserName=${encodeURIComponent('暖居家纺旗舰店')}`;
    expect(parseMicrodata(md).runAsShopTitle).toBe('暖居家纺旗舰店');
    expect(readIdentity({ microdata: md })).toEqual({
      via: 'microdata',
      shopId: '106033221',
      shopTitle: '暖居家纺旗舰店',
      mainUserId: '2206514830',
      mainUserName: '暖居家纺旗舰店',
    });
  });

  it('decodes the \\uXXXX-escaped, URL-encoded nick cookie (§14)', () => {
    const raw = encodeURIComponent('\\u6696\\u5c45:\\u5c0f\\u738b');
    expect(decodeNickCookie(raw)).toBe('暖居:小王');
    expect(readIdentity({ cookie: `foo=1; tracknick=${raw}; _tb_token_=abc` })).toEqual({ via: 'cookie', loginNick: '暖居:小王' });
    expect(mainNickOf('暖居:小王')).toBe('暖居');
  });

  it('falls back to page globals and prefers the meta tag over them', () => {
    expect(readIdentity({ globals: { runAsShopId: '42', runAsShopTitle: 'G' } })).toMatchObject({ via: 'page-global', shopId: '42' });
    expect(readIdentity({ microdata: 'runAsShopId=1', globals: { runAsShopId: '42' } }).shopId).toBe('1');
  });

  it('ignores a non-numeric shop id and junk', () => {
    expect(readIdentity({ microdata: 'runAsShopId=<script>;=;;x' })).toEqual({ via: 'microdata' });
    expect(readIdentity({ microdata: '%E0%A4%A' })).toEqual({ via: 'none' });
    expect(readIdentity({})).toEqual({ via: 'none' });
  });
});
