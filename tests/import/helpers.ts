/** Shared helpers of the import tests: fixture files as InputFile, a database with a known shop. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpsRadarDB } from '@/lib/db/database';
import type { InputFile } from '@/lib/import/read-file';
import { SHOP_A } from '../helpers';

export const SHOP = SHOP_A.shopId as string;
/** The file's own time (File.lastModified): after the adapter fixtures' capture time. */
export const FILE_TIME = Date.UTC(2026, 5, 10, 6);
export const NOW = Date.UTC(2026, 5, 11, 2);

export function fixtureFile(name: string, lastModified = FILE_TIME): InputFile {
  return { name, bytes: new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'imports', name))), lastModified };
}

let n = 0;
export async function freshDb(): Promise<OpsRadarDB> {
  const db = new OpsRadarDB(`import-test-${n++}-${Math.random().toString(36).slice(2)}`);
  await db.shops.put({ id: SHOP, title: '暖居家纺旗舰店', mainUserName: '暖居家纺旗舰店', firstSeenAt: 1, lastSeenAt: 1 });
  return db;
}
