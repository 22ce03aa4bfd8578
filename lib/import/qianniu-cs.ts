/**
 * 千牛 客服绩效 export (console-sources §6.3, §12.8 [M]): 序号, 客服, 咨询人数, 接待人数, 有效接待人数,
 * 询单人数, 询单转化率, 首次响应时长（秒）… — no date column (period from the file name or the
 * operator). → `agent` facts keyed by the 客服 text as written (the sycm-service adapter keys agents
 * by the sub-account nick `店铺:客服名`; whether the export writes the same form is not known
 * [guessed]), dims `{ device: '0' }` like the adapter's 客服 lists.
 */
import { isTotalCell, reason, tableMapper } from './table-mapper';
import { readCellText } from './values';

export const qianniuCs = tableMapper({
  id: 'qianniu-cs',
  label: { zh: '客服绩效', en: 'Agent performance' },
  console: { zh: '千牛', en: '千牛 (Qianniu)' },
  entityKind: 'agent',
  all: ['客服'],
  any: ['咨询人数', '接待人数', '询单人数', '询单转化率'],
  required: [['客服', '客服昵称']],
  dateColumn: ['日期', '统计日期'],
  columns: {
    咨询人数: 'consultUserCnt',
    接待人数: 'customerServiceRecUserCnt',
    有效接待人数: 'validReplyUv',
    询单人数: 'wwwConsultUv',
    询单转化率: 'wwConsultPayRate',
    '询单->最终付款转化率': 'consultFinalPayRate',
    '首次响应时长(秒)': 'firstReplyInterval',
    首次响应时长: 'firstReplyInterval',
    '平均响应时长(秒)': 'avgReplyInterval',
    平均响应时长: 'avgReplyInterval',
    客户满意率: 'customerAllSateRate',
    旺旺回复率: 'wwUserReplayRate',
    客服销售额: 'customerServiceGmv',
    客服销售人数: 'customerServiceSaleCnt',
    客服销售占比: 'customerServiceSaleRatio',
    客服客单价: 'customerServiceSalePrice',
  },
  known: ['序号'],
  plainRates: 'decimal',
  dims: () => ({ device: '0' }),
  entity(row) {
    const raw = row.get('客服', '客服昵称');
    if (isTotalCell(raw)) return { skip: reason('合计行', 'Total row') };
    const nick = readCellText(raw, 120);
    if (!nick) return { skip: reason('客服为空', 'Empty agent') };
    return { id: nick, name: nick.includes(':') ? nick.slice(nick.indexOf(':') + 1) : nick };
  },
});
