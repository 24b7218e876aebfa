// The form of one action of the plan: who owns it, when it is due, where it stands, notes.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';

export const NOTES_MAX = 2000;
export const STATUSES = ['todo', 'doing', 'done', 'dropped'] as const;

export const planActionSchema = z.object({
  owner: z.string().trim().max(40).default(''),
  due: z.union([z.literal(''), z.iso.date()]).default(''),
  status: z.enum(STATUSES),
  notes: z.string().trim().max(NOTES_MAX).default(''),
});
export type PlanActionInput = RawInput<typeof planActionSchema>;
