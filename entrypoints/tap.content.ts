import { installTap } from '@/lib/capture/tap';
import { BRIDGE_EVENT, TAP_URL_FILTER } from '@/lib/capture/tap-filter';

// MAIN world at document_start, so the wrappers are in place before the console's own scripts.
export default defineContentScript({
  matches: [
    'https://sycm.taobao.com/*',
    'https://myseller.taobao.com/*',
    'https://one.alimama.com/*',
    'https://subway.simba.taobao.com/*',
    'https://tuijian.taobao.com/*',
    'https://trade.taobao.com/*',
  ],
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  main() {
    installTap(window, TAP_URL_FILTER, BRIDGE_EVENT);
  },
});
