/** Why a downloaded report cannot be imported: a code, and the message in both languages. */
export type ImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'corrupt'
  | 'encoding'
  | 'unknown-report'
  | 'missing-columns'
  | 'disclaimer-only'
  | 'no-rows'
  | 'unknown-shop'
  | 'needs-item-id'
  | 'needs-date'
  | 'no-facts';

export interface ImportError {
  code: ImportErrorCode;
  zh: string;
  en: string;
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function importError(code: ImportErrorCode, detail?: { columns?: string[]; report?: string; shopId?: string; text?: string }): ImportError {
  const cols = (detail?.columns ?? []).join('、');
  const report = detail?.report ? `（${detail.report}）` : '';
  switch (code) {
    case 'empty':
      return { code, zh: '文件是空的', en: 'The file is empty' };
    case 'too-large':
      return { code, zh: '文件超过 50 MB，未读取', en: 'The file is larger than 50 MB; not read' };
    case 'corrupt':
      return {
        code,
        zh: `文件已损坏或不是有效的 Excel / CSV / ZIP 文件${detail?.text ? `：${detail.text}` : ''}`,
        en: `The file is damaged or not a valid Excel / CSV / ZIP file${detail?.text ? `: ${detail.text}` : ''}`,
      };
    case 'encoding':
      return {
        code,
        zh: '无法识别表头：可能是编码问题（文件被错误地转码，出现乱码）。请从后台重新下载原始文件',
        en: 'Cannot recognise the header row: probably an encoding problem (garbled text). Download the original file again',
      };
    case 'unknown-report':
      return {
        code,
        zh: '无法识别的报表类型：支持 生意参谋（商品排行、宏观监控、店铺来源、引流搜索关键词、商品360、作品分析）、直通车（单元 / 关键词）、万相台（商品 / 人群 / 账户）和 千牛 客服绩效 的下载文件',
        en: 'Unknown report type: supported are the downloads of 生意参谋 (item ranking, macro monitor, shop sources, search keywords, item 360, content works), 直通车 (adgroups / keywords), 万相台 (items / crowds / account) and 千牛 agent performance',
      };
    case 'missing-columns':
      return { code, zh: `缺少必需的列${report}：${cols}`, en: `Required columns missing${report}: ${cols}` };
    case 'disclaimer-only':
      return {
        code,
        zh: '文件只有说明行，没有表头和数据（下载时可能未勾选指标或没有数据）',
        en: 'The file holds only the notes above the table: no header and no data (no indicators ticked, or no data)',
      };
    case 'no-rows':
      return { code, zh: `有表头但没有数据行${report}`, en: `A header row but no data rows${report}` };
    case 'unknown-shop':
      return {
        code,
        zh: `店铺 ${detail?.shopId ?? ''} 不在已知店铺中：请先在该店铺的 生意参谋 页面采集一次，或选择已知店铺`,
        en: `Shop ${detail?.shopId ?? ''} is not a known shop: capture once on its 生意参谋 pages first, or choose a known shop`,
      };
    case 'needs-item-id':
      return {
        code,
        zh: '文件没有写明是哪个商品：请填写商品ID（数字）',
        en: 'The file does not say which item it is about: enter the item ID (digits)',
      };
    case 'needs-date':
      return { code, zh: '文件里没有统计日期：请填写数据日期', en: 'The file has no statistics date: enter the date of the data' };
    case 'no-facts':
      return { code, zh: '没有可以写入的数据行', en: 'No row could be imported' };
  }
}
