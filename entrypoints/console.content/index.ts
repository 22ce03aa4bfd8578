// First: zod must not probe for eval before any schema is built (lib/zod-jitless.ts).
import '@/lib/zod-jitless';
import { startDomReaders } from '@/lib/capture/dom-runner';
import { buildCaptureMessage, CaptureSender } from '@/lib/capture/forward';
import { pinDocumentIdentity } from '@/lib/capture/identity';
import { BRIDGE_EVENT } from '@/lib/capture/tap-filter';
import { sendMessage } from '@/lib/messaging/protocol';
import { startPageAnnotations } from './annotations';

export default defineContentScript({
  matches: [
    'https://sycm.taobao.com/*',
    'https://myseller.taobao.com/*',
    'https://one.alimama.com/*',
    'https://subway.simba.taobao.com/*',
    'https://tuijian.taobao.com/*',
    'https://trade.taobao.com/*',
  ],
  runAt: 'document_start',
  allFrames: true,
  main(ctx) {
    // Identity is pinned now (document_start, before any page script ran) and never switched later.
    const identity = pinDocumentIdentity(document);
    // The page never waits for us; an un-acknowledged capture (service worker stopped) is re-sent.
    const sender = new CaptureSender(
      (msg) => sendMessage('capture', msg),
      undefined,
      {
        save: (id, msg) => browser.storage.local.set({ [id]: msg }),
        drop: (id) => browser.storage.local.remove(id),
      },
    );
    const onCapture = (ev: Event) => {
      try {
        const msg = buildCaptureMessage((ev as CustomEvent).detail, { url: location.href, identity: identity.pin.identity() }, Date.now());
        if (msg) sender.submit(msg);
      } catch {
        /* never throw on the host page */
      }
    };
    document.addEventListener(BRIDGE_EVENT, onCapture);
    // Leaving the page: un-answered captures go to extension storage for the background.
    addEventListener('pagehide', () => sender.parkInFlight());
    const stopReaders = startDomReaders(document, (msg) => {
      sender.submit({ ...msg, identity: identity.pin.identity() });
    });
    const stopAnnotations = startPageAnnotations();
    ctx.onInvalidated(() => {
      document.removeEventListener(BRIDGE_EVENT, onCapture);
      identity.stop();
      sender.stop();
      stopReaders();
      stopAnnotations();
    });
  },
});
