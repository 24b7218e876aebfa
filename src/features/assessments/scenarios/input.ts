// The form of an adopted what-if card: its texts, and a list of tasks, each with the member who takes
// it on (`task_0`, `who_0`, `task_1`, ...).
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';

export const TEXT_MAX = 4000;
export const MAX_ROLES = 12;
const TASK_MAX = 400;

export const scenarioPlanSchema = z.object({
  signs: z.string().trim().max(TEXT_MAX).default(''),
  steps: z.string().trim().max(TEXT_MAX).default(''),
  contacts: z.string().trim().max(TEXT_MAX).default(''),
  prepare: z.string().trim().max(TEXT_MAX).default(''),
});
export type ScenarioPlanInput = RawInput<typeof scenarioPlanSchema> & {
  [role: `task_${number}` | `who_${number}`]: unknown;
};

/** The tasks typed (up to MAX_ROLES), each with its row number and the member named for it, if any. */
export function typedRoles(fields: ScenarioPlanInput): { row: number; task: string; who: string }[] {
  const roles: { row: number; task: string; who: string }[] = [];
  for (let i = 0; i < MAX_ROLES; i++) {
    const task = fields[`task_${i}`];
    const who = fields[`who_${i}`];
    const text = typeof task === 'string' ? task.trim().slice(0, TASK_MAX) : '';
    if (text) roles.push({ row: i, task: text, who: typeof who === 'string' ? who : '' });
  }
  return roles;
}
