import { z } from 'zod';
import { AreaSchema, SeveritySchema } from './finding';
import { DateSchema, EntityKindSchema } from './fact';

export const TASK_STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** A piece of work handed to a colleague, usually made from a finding. */
export const TaskSchema = z.object({
  id: z.string().min(1),
  shopId: z.string().min(1),
  title: z.string().min(1).max(500),
  owner: z.string().max(100).default(''),
  due: DateSchema.optional(),
  status: TaskStatusSchema,
  area: AreaSchema.optional(),
  severity: SeveritySchema.optional(),
  entity: z.object({ kind: EntityKindSchema, id: z.string().min(1), name: z.string().optional() }).optional(),
  findingId: z.string().optional(),
  note: z.string().max(4000).default(''),
  createdAt: z.number(),
  /** Newest edit wins when a teammate's task file is imported. */
  updatedAt: z.number(),
});
export type Task = z.infer<typeof TaskSchema>;
