import { startDomReaders } from '@/lib/capture/dom-runner';
import { buildCaptureMessage } from '@/lib/capture/forward';
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
    const onCapture = (ev: Event) => {
      try {
        const msg = buildCaptureMessage((ev as CustomEvent).detail, document, Date.now());
        // Fire and forget: the background acknowledges, the page never waits for us.
        if (msg) sendMessage('capture', msg).catch(() => {});
      } catch {
        /* never throw on the host page */
      }
    };
    document.addEventListener(BRIDGE_EVENT, onCapture);
    const stopReaders = startDomReaders(document, (msg) => {
      sendMessage('capture', msg).catch(() => {});
    });
    const stopAnnotations = startPageAnnotations();
    ctx.onInvalidated(() => {
      document.removeEventListener(BRIDGE_EVENT, onCapture);
      stopReaders();
      stopAnnotations();
    });
  },
});
