/**
 * The manifest allowlist and the bundle scan can fail: each check on a bad manifest or bad code.
 * (The real build output is checked in tests/e2e/security.e2e.ts, after the build.)
 */
import { describe, expect, it } from 'vitest';
import { HOST_ALLOWLIST, manifestProblems, OPTIONAL_HOST_ALLOWLIST, scanCode } from './build-checks';

const good = {
  manifest_version: 3,
  permissions: ['storage', 'unlimitedStorage', 'alarms', 'sidePanel'],
  optional_permissions: ['notifications'],
  host_permissions: HOST_ALLOWLIST,
  optional_host_permissions: OPTIONAL_HOST_ALLOWLIST,
  content_scripts: [
    { matches: ['https://sycm.taobao.com/*', 'https://one.alimama.com/*'], js: ['content-scripts/console.js'] },
    { matches: ['https://sycm.taobao.com/*'], js: ['content-scripts/tap.js'], world: 'MAIN' },
  ],
};

describe('manifest allowlist', () => {
  it('accepts the expected manifest (chrome; firefox without sidePanel)', () => {
    expect(manifestProblems(good, 'chrome')).toEqual([]);
    expect(manifestProblems({ ...good, permissions: ['storage', 'unlimitedStorage', 'alarms'] }, 'firefox')).toEqual([]);
    expect(manifestProblems(good, 'firefox')).toEqual(['permissions: "sidePanel" is not on the allowlist']);
  });

  it('refuses extra permissions, broad hosts, required webhook hosts, page-exposed files, external messaging, weak CSP', () => {
    const bad = (patch: object) => manifestProblems({ ...good, ...patch }, 'chrome');
    expect(bad({ permissions: [...good.permissions, 'tabs'] })).toEqual(['permissions: "tabs" is not on the allowlist']);
    expect(bad({ permissions: [...good.permissions, 'cookies', 'webRequest'] })).toHaveLength(2);
    expect(bad({ optional_permissions: ['notifications', 'history'] })).toEqual(['optional_permissions: "history" is not on the allowlist']);
    expect(bad({ host_permissions: ['<all_urls>'] })).toEqual(['host_permissions: "<all_urls>" is not on the allowlist']);
    expect(bad({ host_permissions: [...HOST_ALLOWLIST, 'https://oapi.dingtalk.com/*'] })).toEqual([
      'host_permissions: "https://oapi.dingtalk.com/*" is not on the allowlist',
    ]);
    expect(bad({ optional_host_permissions: ['https://*/*'] })).toHaveLength(1);
    expect(bad({ content_scripts: [{ matches: ['https://*.taobao.com/*'] }] })).toHaveLength(1);
    expect(bad({ content_scripts: [{ matches: ['https://h5api.m.taobao.com/*'] }] })).toHaveLength(1);
    expect(bad({ content_scripts: [{ matches: [] }] })).toEqual(['content_scripts[0]: no matches']);
    expect(bad({ web_accessible_resources: [{ resources: ['*.js'], matches: ['<all_urls>'] }] })).toHaveLength(1);
    expect(bad({ externally_connectable: { matches: ['https://sycm.taobao.com/*'] } })).toHaveLength(1);
    expect(bad({ content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } })).toHaveLength(1);
    expect(bad({ content_security_policy: { extension_pages: "script-src 'self' https://cdn.example.com" } })).toHaveLength(1);
    expect(bad({ manifest_version: 2 })).toHaveLength(1);
    expect(bad({ key: 'abc' })).toEqual(['key: not expected']);
  });
});

describe('bundle scan', () => {
  const rules = (code: string) => scanCode('x.js', code).map((h) => h.rule);

  it('finds eval, Function in every form, string timers and remote scripts', () => {
    expect(rules('var a=eval("1+1");')).toEqual(['eval']);
    expect(rules('window.eval(x)')).toEqual(['eval']);
    expect(rules('var f=new Function("a","return a")')).toEqual(['new Function']);
    expect(rules('return Function("return this")()')).toEqual(['Function(']);
    expect(rules('let e=Function,t=1;new e("x")')).toEqual(['Function as a value']);
    expect(rules('setTimeout("alert(1)",10)')).toEqual(['string timer']);
    expect(rules("setInterval('tick()',10)")).toEqual(['string timer']);
    expect(rules('importScripts("https://cdn.example.com/a.js")')).toEqual(expect.arrayContaining(['importScripts', 'remote script url']));
    expect(rules('await import("https://cdn.example.com/m.mjs")')).toEqual(expect.arrayContaining(['import(url)', 'remote script url']));
    expect(rules('s.src="https://cdn.example.com/x"')).toEqual(['script.src = http']);
    expect(rules('<script src="https://cdn.example.com/x"></script>')).toEqual(['script src=http']);
    expect(rules('<script type="module" crossorigin src="/chunks/popup.js"></script>')).toEqual([]);
  });

  it('leaves ordinary code alone: method names, typeof checks, instanceof, functions with timers', () => {
    expect(rules('x.evaluate(y); isFunction(z); typeof a=="function"; a instanceof Function||b(); setTimeout(()=>f(),5); retrieval(1)')).toEqual([]);
  });

  it('lets through only the two zod JIT snippets it names, with their exact code around them', () => {
    const probe = 'var Or=pr(()=>{if(M.jitless||typeof navigator<`u`&&navigator?.userAgent?.includes(`Cloudflare`))return!1;try{return Function(``),!0}catch{return!1}});';
    const compile = 'compile(){let e=Function,t=this?.content??[``];return new e(...Object.keys(this.closed))}';
    expect(rules(probe)).toEqual([]);
    expect(rules(compile)).toEqual([]);
    expect(rules('try{return Function(``),!0}catch{return!1}')).toEqual(['Function(']);
    expect(rules('run(){let e=Function,t=1}')).toEqual(['Function as a value']);
  });
});
