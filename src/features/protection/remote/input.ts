// The remote trigger's and the check-in's forms. Organisation and member ids come from the URL (checked by
// requireAccess); trusted members are ids the service checks against the organisation's members.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';

const ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().min(1).max(64)).max(100),
);

export const settingsSchema = z
  .object({ trusted: ids, threshold: z.coerce.number().int().min(1).max(100) })
  .refine((s) => s.trusted.length === 0 || s.threshold <= new Set(s.trusted).size, {
    message: 'remote.thresholdTooHigh',
    path: ['threshold'],
  });
export type SettingsInput = RawInput<typeof settingsSchema>;

/** Off, or one, three or seven days between check-ins. */
export const CHECK_IN_DAYS = [0, 1, 3, 7] as const;

export const checkInSchema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((d) => (CHECK_IN_DAYS as readonly number[]).includes(d)),
  revoke: z.preprocess((v) => (Array.isArray(v) ? v.includes('on') : v === 'on' || v === true), z.boolean()),
});
export type CheckInInput = RawInput<typeof checkInSchema>;
