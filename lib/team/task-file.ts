/**
 * Sharing tasks without a cloud: a versioned JSON file a colleague imports into their own
 * browser, and a CSV for Excel/WPS. The JSON is zod-validated as a whole before anything is
 * written; import merges by task id, the newest `updatedAt` wins, and a file of a shop this
 * browser does not know is refused unless the user maps it to a known shop.
 */
import { z } from 'zod';
import type { OpsRadarDB } from '../db/database';
import { AREA_LABELS, type Lang } from '../i18n';
import type { Finding } from '../schema/finding';
import { type Task, TaskSchema } from '../schema/task';
import { STATUS_LABELS } from './tasks';

export const TASK_FILE_FORMAT = 'opsradar-tasks';
export const TASK_FILE_VERSION = 1;

export const TaskFileSchema = z.object({
  format: z.literal(TASK_FILE_FORMAT),
  version: z.literal(TASK_FILE_VERSION),
  exportedAt: z.string().min(1),
  shop: z.object({ id: z.string().min(1), title: z.string() }),
  tasks: z.array(TaskSchema).max(100_000),
});
export type TaskFile = z.infer<typeof TaskFileSchema>;

export interface Text {
  zh: string;
  en: string;
}

export async function buildTaskFile(db: OpsRadarDB, shopId: string, now = Date.now()): Promise<TaskFile> {
  const [shop, tasks] = await Promise.all([db.shops.get(shopId), db.tasks.where('shopId').equals(shopId).toArray()]);
  tasks.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    format: TASK_FILE_FORMAT,
    version: TASK_FILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    shop: { id: shopId, title: shop?.title ?? shopId },
    tasks,
  };
}

/** `运营雷达-任务-<店铺>-<date>.json`, safe for every file system. */
export function taskFileName(shopTitle: string, date: string, ext: 'json' | 'csv' = 'json'): string {
  const safe = shopTitle.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'shop';
  return `运营雷达-任务-${safe}-${date}.${ext}`;
}

export type ParsedTaskFile = { ok: true; file: TaskFile } | { ok: false; error: Text };

/** Validate a file's text; a precise message for what is wrong, and never a partial result. */
export function parseTaskFile(text: string): ParsedTaskFile {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) return { ok: false, error: { zh: '文件是空的', en: 'The file is empty' } };
  let raw: unknown;
  try {
    raw = JSON.parse(clean);
  } catch {
    return {
      ok: false,
      error: { zh: '不是 JSON 文件（无法解析），请选择运营雷达导出的任务文件', en: 'Not a JSON file; choose a task file exported by OpsRadar' },
    };
  }
  const o = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!o || o.format !== TASK_FILE_FORMAT) {
    const hint = o && typeof o.format === 'string' ? `（format = ${String(o.format).slice(0, 40)}）` : '';
    return {
      ok: false,
      error: { zh: `不是运营雷达的任务文件${hint}`, en: `Not an OpsRadar task file${hint.replace(/[（）]/g, (c) => (c === '（' ? ' (' : ')'))}` },
    };
  }
  if (o.version !== TASK_FILE_VERSION) {
    return {
      ok: false,
      error: {
        zh: `任务文件版本 ${String(o.version)} 不受支持（本版本读取版本 ${TASK_FILE_VERSION}），请升级运营雷达`,
        en: `Task file version ${String(o.version)} is not supported (this build reads version ${TASK_FILE_VERSION})`,
      },
    };
  }
  const r = TaskFileSchema.safeParse(o);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = (issue?.path ?? []).map(String);
    const where =
      path[0] === 'tasks' && path.length >= 2
        ? {
            zh: `第 ${Number(path[1]) + 1} 条任务的「${path.slice(2).join('.') || '内容'}」`,
            en: `task ${Number(path[1]) + 1}, field "${path.slice(2).join('.') || 'entry'}"`,
          }
        : { zh: `「${path.join('.') || '文件'}」`, en: `"${path.join('.') || 'file'}"` };
    return {
      ok: false,
      error: { zh: `任务文件无效：${where.zh}不符合格式，未导入任何内容`, en: `Invalid task file: ${where.en} is malformed; nothing was imported` },
    };
  }
  const foreign = r.data.tasks.findIndex((t) => t.shopId !== r.data.shop.id);
  if (foreign >= 0) {
    return {
      ok: false,
      error: {
        zh: `任务文件无效：第 ${foreign + 1} 条任务属于另一个店铺（${r.data.tasks[foreign]?.shopId}），未导入任何内容`,
        en: `Invalid task file: task ${foreign + 1} belongs to another shop; nothing was imported`,
      },
    };
  }
  const ids = new Set<string>();
  for (const t of r.data.tasks) {
    if (ids.has(t.id)) return { ok: false, error: { zh: `任务文件无效：任务 id 重复（${t.id}）`, en: `Invalid task file: duplicate task id ${t.id}` } };
    ids.add(t.id);
  }
  return { ok: true, file: r.data };
}

export interface TaskImportPlan {
  targetShopId: string;
  /** Tasks as they will be written (shopId rewritten to the target). */
  write: Task[];
  added: number;
  updated: number;
  /** Same id with an equal or newer local copy: kept. */
  kept: number;
}

export type PlanResult = { ok: true; plan: TaskImportPlan } | { ok: false; error: Text; unknownShop?: { id: string; title: string } };

/**
 * What importing `file` would change (read-only). `mapTo` = a known shop the user chose for a file
 * from a shop this browser does not know.
 */
export async function planTaskImport(db: OpsRadarDB, file: TaskFile, mapTo?: string): Promise<PlanResult> {
  let target = file.shop.id;
  if (mapTo) {
    if (!(await db.shops.get(mapTo))) return { ok: false, error: { zh: '所选店铺不存在', en: 'The chosen shop does not exist' } };
    target = mapTo;
  } else if (!(await db.shops.get(file.shop.id))) {
    return {
      ok: false,
      unknownShop: file.shop,
      error: {
        zh: `文件中的店铺「${file.shop.title}」（${file.shop.id}）在本浏览器中没有数据。请选择要导入到的店铺，或先在本浏览器中打开该店铺的生意参谋。`,
        en: `The file's shop "${file.shop.title}" (${file.shop.id}) is unknown in this browser. Choose a shop to import into, or open that shop's console first.`,
      },
    };
  }
  const existing = await db.tasks.bulkGet(file.tasks.map((t) => t.id));
  const write: Task[] = [];
  let added = 0;
  let updated = 0;
  let kept = 0;
  for (const [i, t] of file.tasks.entries()) {
    const cur = existing[i];
    if (cur && cur.shopId !== target) {
      return {
        ok: false,
        error: {
          zh: `任务「${cur.title}」在本浏览器中属于另一个店铺，不能导入到所选店铺，未导入任何内容`,
          en: `Task "${cur.title}" belongs to another shop here; nothing was imported`,
        },
      };
    }
    if (!cur) {
      added++;
      write.push({ ...t, shopId: target });
    } else if (t.updatedAt > cur.updatedAt) {
      updated++;
      write.push({ ...t, shopId: target });
    } else kept++;
  }
  return { ok: true, plan: { targetShopId: target, write, added, updated, kept } };
}

/** Write a plan in one transaction; re-checks "newest wins" inside it (a concurrent edit stays). */
export async function applyTaskImport(db: OpsRadarDB, plan: TaskImportPlan): Promise<{ written: number }> {
  return db.transaction('rw', db.tasks, async () => {
    const cur = await db.tasks.bulkGet(plan.write.map((t) => t.id));
    const rows = plan.write.filter((t, i) => {
      const c = cur[i];
      return !c || (c.shopId === plan.targetShopId && t.updatedAt > c.updatedAt);
    });
    await db.tasks.bulkPut(rows);
    return { written: rows.length };
  });
}

// ---- CSV ----------------------------------------------------------------------------------

/** Cells starting with = + - @ (or a tab / CR) would run as formulas in Excel/WPS: prefix '. */
export function neutralize(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(v: string): string {
  const s = neutralize(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const TASK_CSV_HEADERS: Record<Lang, string[]> = {
  zh: ['任务', '负责人', '截止日期', '状态', '领域', '对象', '来源诊断', '备注'],
  en: ['Task', 'Owner', 'Due', 'Status', 'Area', 'Entity', 'Source finding', 'Note'],
};

/** UTF-8 CSV with BOM (Excel opens Chinese correctly), CRLF line ends. */
export function tasksCsv(tasks: readonly Task[], lang: Lang, findings: ReadonlyMap<string, Pick<Finding, 'title'>> = new Map()): string {
  const rows = [TASK_CSV_HEADERS[lang]];
  for (const t of tasks) {
    const source = t.findingId ? (findings.get(t.findingId)?.title[lang] ?? t.findingId.split('|')[0] ?? '') : '';
    rows.push([
      t.title,
      t.owner,
      t.due ?? '',
      STATUS_LABELS[t.status][lang],
      t.area ? AREA_LABELS[t.area][lang] : '',
      t.entity ? (t.entity.name ?? t.entity.id) : '',
      source,
      t.note,
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
