import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '@/lib/db/database';
import { DEFAULT_SETTINGS, getSettings, type Settings } from '@/lib/settings';

export function useSettings(): Settings {
  return useLiveQuery(() => getSettings(getDb()), [], DEFAULT_SETTINGS);
}

export function useShops() {
  return useLiveQuery(() => getDb().shops.orderBy('id').toArray(), [], undefined);
}
