/**
 * What an operator does, in the consoles' words: one list for the 操作日志 panel, reports and the
 * hover card on console pages (no imports, so the content script pays only for the strings).
 */
import type { ActionKind } from '../schema/journal';

type Text = { zh: string; en: string };

export const ACTION_LABELS: Record<ActionKind, Text> = {
  raiseBid: { zh: '提高出价', en: 'Raise bid' },
  lowerBid: { zh: '降低出价', en: 'Lower bid' },
  pauseAds: { zh: '暂停推广', en: 'Pause ads' },
  raiseBudget: { zh: '提高预算', en: 'Raise budget' },
  changeMainImage: { zh: '换主图', en: 'Change main image' },
  changeTitle: { zh: '改标题', en: 'Change title' },
  changePrice: { zh: '调价', en: 'Change price' },
  joinActivity: { zh: '报名活动(聚划算等)', en: 'Join a promotion (聚划算…)' },
  restock: { zh: '补货', en: 'Restock' },
  changeDetailPage: { zh: '改详情页', en: 'Change detail page' },
  serviceTraining: { zh: '客服培训', en: 'Service training' },
  other: { zh: '其他', en: 'Other' },
};
