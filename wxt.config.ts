import { defineConfig } from 'wxt';

/** Console hosts: the only places the extension reads (never <all_urls>). */
const HOSTS = [
  'https://sycm.taobao.com/*',
  'https://myseller.taobao.com/*',
  'https://one.alimama.com/*',
  'https://subway.simba.taobao.com/*',
  'https://tuijian.taobao.com/*',
  'https://h5api.m.taobao.com/*',
  'https://trade.taobao.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Parallel work (several builds at once) can point each build elsewhere.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // MV3 everywhere: Firefox ≥ 128 supports MAIN-world content scripts in MV3.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // alarms: the webhook 日报 check (every few minutes, off unless a channel sends a daily report).
    permissions: ['storage', 'unlimitedStorage', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // Requested only when the user opts in to the digest (options page); never required.
    optional_permissions: ['notifications'],
    host_permissions: HOSTS,
    // Group-robot hosts (DingTalk, Feishu, WeCom): requested only when the user enables a webhook.
    optional_host_permissions: ['https://oapi.dingtalk.com/*', 'https://open.feishu.cn/*', 'https://qyapi.weixin.qq.com/*'],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'opsradar@opsradar.local', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
