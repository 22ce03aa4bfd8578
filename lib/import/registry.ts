/** Every report the import reads, most specific first (the first whose headers match wins). */
import { qianniuCs } from './qianniu-cs';
import { sycmContent } from './sycm-content';
import { sycmItemOverview } from './sycm-item-overview';
import { sycmItemRank } from './sycm-item-rank';
import { sycmItemSku } from './sycm-item-sku';
import { sycmKeyword } from './sycm-keyword';
import { sycmMacro } from './sycm-macro';
import { sycmShopSource } from './sycm-shop-source';
import type { ReportMapper } from './types';
import { wanxiangAccount } from './wanxiang-account';
import { wanxiangCrowd } from './wanxiang-crowd';
import { wanxiangItem } from './wanxiang-item';
import { zhitongcheAdgroup } from './zhitongche-adgroup';
import { zhitongcheKeyword } from './zhitongche-keyword';

export const REPORT_MAPPERS: readonly ReportMapper[] = [
  zhitongcheKeyword,
  zhitongcheAdgroup,
  wanxiangCrowd,
  wanxiangItem,
  wanxiangAccount,
  sycmContent,
  sycmItemSku,
  sycmItemRank,
  sycmItemOverview,
  sycmMacro,
  sycmShopSource,
  sycmKeyword,
  qianniuCs,
];

export function mapperById(id: string): ReportMapper | undefined {
  return REPORT_MAPPERS.find((m) => m.id === id);
}
