import type { MetricDef } from './types';

type Row = [
  id: string,
  zh: string,
  en: string,
  unit: MetricDef['unit'],
  better: MetricDef['better'],
  additive: boolean,
  caliberZh: string,
  caliberEn: string,
  sources: string[],
];

/**
 * 千牛 seller workbench (console-sources §7.2–§7.4, §11.11, §11.12). Source codes are
 * `qianniu.<field>`: 商品管理 table columns, 已卖出的宝贝 aggregates (no buyer data is kept, only
 * counts and amounts), 工作台 to-do `uiCode`s and 真实体验分 block / sub-index codes (`exp.<code>`).
 */
const rows: Row[] = [
  // 商品管理 (§7.2, §11.11) — item snapshots.
  ['itemPrice', '价格', 'Price', 'CNY', 'neutral', false, '商品管理列表显示的当前一口价（多 SKU 时为显示价）', 'Current list price as shown in 商品管理', ['qianniu.managerPrice']],
  ['stockOnHand', '库存', 'Stock on hand', 'count', 'neutral', false, '商品管理列表显示的商品总库存（件），抓取当时的值', 'Units in stock as shown in 商品管理 at capture time', ['qianniu.managerQuantityNew']],
  ['soldQty30d', '30日销量', '30-day units sold', 'count', 'up', false, '商品管理列表的“30日销量”：截至抓取日的近 30 天成交件数', 'Units sold in the 30 days up to the capture day (商品管理)', ['qianniu.monthlySoldQuantity']],
  ['soldQtyTotal', '累计销量', 'Units sold (total)', 'count', 'up', false, '商品管理列表的累计销量', 'Total units sold as shown in 商品管理', ['qianniu.soldQuantity_m']],
  // 已卖出的宝贝 (§7.3, §11.12) — aggregates only.
  ['soldListTotal', '订单数（列表）', 'Orders in list', 'count', 'neutral', false, '已卖出的宝贝 当前筛选（如 待发货）下的订单总数，抓取当时的值', 'Orders in the 已卖出的宝贝 list under the current tab, at capture time', ['qianniu.totalNumber']],
  ['soldOrderCnt', '成交订单数', 'Orders created', 'count', 'up', true, '按下单时间归日的主订单笔数（按订单当前状态分组）', 'Main orders by creation day, grouped by current status', ['qianniu.mainOrders']],
  ['soldOrderAmt', '实收款', 'Amount received', 'CNY', 'up', true, '按下单时间归日的订单实收款合计（元）', 'Sum of amounts received, by order creation day (CNY)', ['qianniu.actualFee']],
  ['soldItemQty', '成交件数', 'Units ordered', 'count', 'up', true, '按下单时间归日的子订单件数合计', 'Units in sub-orders, by order creation day', ['qianniu.quantity']],
  // 工作台 待办 (§7.4) — shop snapshots.
  ['todoPresale', '售前待办', 'Pre-sale to-dos', 'count', 'down', false, '工作台 售前 模块待办总数', '工作台 pre-sale to-do total', ['qianniu.todoId1']],
  ['todoAftersale', '售后待办', 'After-sale to-dos', 'count', 'down', false, '工作台 售后 模块待办总数', '工作台 after-sale to-do total', ['qianniu.todoId2']],
  ['todoLogistics', '物流监控', 'Logistics alerts', 'count', 'down', false, '工作台 物流监控 模块待办总数', '工作台 logistics-monitor total', ['qianniu.todoId3']],
  ['todoItemManage', '宝贝管理', 'Listing to-dos', 'count', 'neutral', false, '工作台 宝贝管理 模块总数', '工作台 listing module total', ['qianniu.todoId4']],
  ['todoXiaoer', '小二提醒', 'Platform reminders', 'count', 'down', false, '工作台 小二提醒 模块待办总数', '工作台 platform-reminder total', ['qianniu.todoId5']],
  ['todoNotDelivery', '待发货', 'Awaiting shipment', 'count', 'down', false, '已付款尚未发货的订单数', 'Paid orders not yet shipped', ['qianniu.notDelivery']],
  ['todoWaitForRated', '待评价', 'Awaiting review', 'count', 'neutral', false, '等待卖家评价的订单数', 'Orders awaiting the seller’s review', ['qianniu.waitForRated']],
  ['todoPendingAfterSale', '待处理售后', 'After-sale cases pending', 'count', 'down', false, '待卖家处理的售后单数', 'After-sale cases awaiting the seller', ['qianniu.pendingAfterSale']],
  ['todoInvoiceApply', '临赔发票申请', 'Invoice requests', 'count', 'down', false, '待处理的发票申请数', 'Invoice requests pending', ['qianniu.invoiceApply']],
  ['todoUpdateAddress', '改地址申请', 'Address-change requests', 'count', 'down', false, '待处理的改地址申请数', 'Address-change requests pending', ['qianniu.updateAddress']],
  ['todoWillTimeOutDelivery', '发货即将超时', 'Shipments about to be late', 'count', 'down', false, '即将超过承诺发货时间的订单数', 'Orders close to the promised ship time', ['qianniu.willTimeOutDelivery']],
  ['todoTimeOutDelivery', '发货超时包裹', 'Late shipments', 'count', 'down', false, '已超过承诺发货时间的包裹数', 'Parcels past the promised ship time', ['qianniu.timeOutDelivery']],
  ['todoPayGotException', '揽收异常包裹', 'Pickup exceptions', 'count', 'down', false, '发货后揽收异常的包裹数', 'Parcels with a pickup exception', ['qianniu.payGotException']],
  ['todoUpdateException', '运输异常包裹', 'Transit exceptions', 'count', 'down', false, '运输途中无更新等异常的包裹数', 'Parcels with a transit exception', ['qianniu.updateException']],
  ['todoDeliveryException', '派送异常包裹', 'Delivery exceptions', 'count', 'down', false, '派送异常的包裹数', 'Parcels with a delivery exception', ['qianniu.deliveryException']],
  ['todoOnSale', '出售中的宝贝', 'Items on sale', 'count', 'neutral', false, '出售中的宝贝数', 'Items currently on sale', ['qianniu.onSale']],
  ['todoInStock', '等待上架的宝贝', 'Items in warehouse', 'count', 'neutral', false, '仓库中等待上架的宝贝数', 'Items waiting in the warehouse', ['qianniu.inStock']],
  ['todoPendingPunishComplaint', '待处理投诉', 'Complaints pending', 'count', 'down', false, '待处理的投诉数', 'Complaints awaiting the seller', ['qianniu.pendingPunishComplaint']],
  ['todoPendingPunish', '待处理违规', 'Violations pending', 'count', 'down', false, '待处理的违规数', 'Violations awaiting the seller', ['qianniu.pendingPunish']],
  ['todoPendingOrder', '待处理工单', 'Tickets pending', 'count', 'down', false, '待处理的工单数', 'Tickets awaiting the seller', ['qianniu.pendingOrder']],
  ['todoMktPortalRisk', '营销风险', 'Marketing risks', 'count', 'down', false, '营销风险提醒数', 'Marketing risk alerts', ['qianniu.mktPortalRisk']],
  // 真实体验分 (§7.4) — shop snapshots; scores 0–5 as the page gives them.
  ['experienceScore', '店铺真实体验分', 'Store experience score', 'score', 'up', false, '千牛 真实体验分 综合分（0–5，平台计算）', 'Overall 真实体验分 (0–5, computed by the platform)', ['qianniu.exp.nps']],
  ['expGoodsScore', '宝贝质量分', 'Item quality score', 'score', 'up', false, '真实体验分 宝贝质量 维度分（0–5）', '真实体验分 item-quality dimension (0–5)', ['qianniu.exp.newGoods']],
  ['expLogisticsScore', '物流速度分', 'Logistics score', 'score', 'up', false, '真实体验分 物流速度 维度分（0–5）', '真实体验分 logistics dimension (0–5)', ['qianniu.exp.newLogistics']],
  ['expServiceScore', '服务保障分', 'Service score', 'score', 'up', false, '真实体验分 服务保障 维度分（0–5）', '真实体验分 service dimension (0–5)', ['qianniu.exp.newServices']],
  ['expBonusScore', '附加分', 'Bonus points', 'score', 'up', false, '真实体验分 附加分', '真实体验分 bonus points', ['qianniu.exp.additionalPoints']],
  ['expTradeScore', '交易能力分', 'Trading ability score', 'score', 'up', false, '真实体验分 交易能力 分', '真实体验分 trading-ability score', ['qianniu.exp.transactionAbility']],
  ['expNegItemFeedbackRate', '商品负反馈率', 'Negative item feedback rate', 'ratio', 'down', false, '真实体验分 宝贝质量 子指标：负反馈的订单占比', '真实体验分 sub-index: share of orders with negative item feedback', ['qianniu.exp.neg_itm_feedback_rate']],
  ['expPickup48hRate', '48小时揽收及时率', '48h pickup rate', 'ratio', 'up', false, '真实体验分 物流速度 子指标：48 小时内揽收的包裹占比', '真实体验分 sub-index: parcels picked up within 48 h', ['qianniu.exp.48h_pickup_rate']],
  ['expManualResp3minRate', '3分钟人工响应率', '3-min manual response rate', 'ratio', 'up', false, '真实体验分 服务保障 子指标：3 分钟内有人工回复的会话占比', '真实体验分 sub-index: chats answered by a person within 3 min', ['qianniu.exp.3min_manual_rsp_rate']],
];

export const QIANNIU_METRICS: MetricDef[] = rows.map(([id, zh, en, unit, better, additive, cz, ce, sources]) => ({
  id,
  zh,
  en,
  unit,
  kind: 'real',
  caliber: { zh: cz, en: ce },
  sources,
  better,
  additive,
}));
