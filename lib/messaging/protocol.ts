import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CaptureAck, CaptureMessage } from '../schema/capture';

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
  /** Popup → background: open the side panel for a window. */
  openSidePanel(req: { windowId: number }): { ok: boolean };
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
