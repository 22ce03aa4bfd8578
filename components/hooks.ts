import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db/database';
import type { Lang } from '@/lib/i18n';
import { DEFAULT_SETTINGS, getSettings, type Settings } from '@/lib/settings';

export function useSettings(): Settings {
  return useLiveQuery(() => getSettings(getDb()), [], DEFAULT_SETTINGS);
}

export function useLang(): Lang {
  return useSettings().language;
}

export function useShops() {
  return useLiveQuery(() => getDb().shops.orderBy('id').toArray(), [], undefined);
}
