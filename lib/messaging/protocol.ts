import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AnnotationRequest, AnnotationResponse } from '../annotate/types';
import type { CaptureAck, CaptureMessage } from '../schema/capture';
import type { JournalEntry } from '../schema/journal';
import { type SelfLike, type SenderLike, SenderRefused, senderAllowed } from './sender-policy';

export interface TabState {
  /** Adapter (page family) the tab's URL belongs to, if any. */
  family: string | null;
  familyLabel: { zh: string; en: string } | null;
  onConsoleHost: boolean;
  shopId: string | null;
  lastCaptureAt: number | null;
  capturesThisPage: number;
  factsThisPage: number;
  lastOutcome: string | null;
  lastMessage: string | null;
}

export interface ShopDeletion {
  facts: number;
  findings: number;
  captures: number;
  health: number;
  journal: number;
  tasks: number;
  shop: boolean;
}

export interface RetentionResult {
  /** First business date kept; null = keep everything (nothing deleted). */
  cutoff: string | null;
  deleted: number;
}

/** Every extension message, one entry each (architecture §4). */
export interface ProtocolMap {
  /** Content script → background: one captured console response. */
  capture(msg: CaptureMessage): CaptureAck;
  /** Popup → background: what the given tab is and what it captured. */
  tabState(req: { tabId: number; url: string }): TabState;
  /** Popup / side panel → background: re-run the rules for a shop now. */
  runRules(req: { shopId: string }): { findings: number };
  /** Side panel → background: the user confirms two shop records are one shop. */
  mergeShops(req: { fromId: string; toId: string }): { moved: number };
  /** Options page → background: delete everything stored for one shop (after the user confirmed). */
  deleteShopData(req: { shopId: string }): ShopDeletion;
  /** Options page → background: apply settings.retentionDays now (also run daily by the background). */
  applyRetention(req: Record<string, never>): RetentionResult;
  /** Content script → background: annotation data for the entities the console page shows. */
  annotations(req: AnnotationRequest): AnnotationResponse;
  /** Background → console tabs: findings (and the facts under them) changed; annotations refresh. */
  findingsChanged(req: { shopId: string }): void;
  /** Console page (annotation hover card) → background: log an action in the 操作日志. */
  logAction(req: { shopId: string; entry: Omit<JournalEntry, 'id' | 'shopId' | 'createdAt' | 'updatedAt'> }): { id: string };
  /** Options page → background: send 发送测试消息 to one saved group-robot channel; the answer is redacted. */
  webhookTest(req: { channel: 'dingtalk' | 'feishu' | 'wecom' }): { ok: boolean; message: string };
}

const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, removeAllListeners } = messaging;

type Runtime = { id?: string; getURL?(p: string): string };
/** This extension (the same `chrome` global the messaging library uses; Firefox provides it too). */
function self(): SelfLike {
  try {
    const rt = (globalThis as { chrome?: { runtime?: Runtime } }).chrome?.runtime;
    return { id: rt?.id ?? '', base: rt?.getURL?.('/') ?? '' };
  } catch {
    return { id: '', base: '' };
  }
}

/**
 * Every handler, in every context, only runs for a sender its message allows
 * (lib/messaging/sender-policy.ts): admin messages from extension pages only; a refused sender
 * gets an error back and the handler never runs.
 */
export const onMessage: typeof messaging.onMessage = (type, onReceived) =>
  messaging.onMessage(type, (message) => {
    if (!senderAllowed(type, (message as { sender?: SenderLike }).sender, self())) throw new SenderRefused(type);
    return onReceived(message);
  });
