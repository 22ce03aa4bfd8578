/**
 * URLs the MAIN-world tap forwards. Everything else is left alone without reading a byte.
 * Kept as one small regex because it ships inside the tap (bundle budget 4 KB); the
 * conventions test checks that every adapter route's example URL passes it.
 */
export const TAP_URL_FILTER =
  /^https:\/\/(sycm\.taobao\.com\/(portal|flow|cc|mc|ipoll|csp|xsite|datawar|sdx|domain|s_content|qos|bda|adm|lyone)\/|h5api\.m\.taobao\.com\/h5\/mtop\.|one\.alimama\.com\/|subway\.simba\.taobao\.com\/|tuijian\.taobao\.com\/api2?\/|trade\.taobao\.com\/trade\/itemlist\/|myseller\.taobao\.com\/)/;

/** Bridge event between the MAIN-world tap and the isolated content script. */
export const BRIDGE_EVENT = 'opsradar:capture:v1';
