// What the helpline's forms take. Nothing about a requester is read from a request: no address, no
// browser; only what they type.
import { z } from 'zod';
import type { RawInput } from '../../platform/forms.ts';
import { DEFAULT_RETENTION_DAYS, DEFAULT_TARGET_MINUTES, REFERRAL_FIELDS, SETTABLE_STATES } from './model.ts';

const text = (max: number) => z.string().trim().max(max);
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []);
/** An ISO 639-1 code: two lower-case letters. */
export const languageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, 'cases.error.language');

/** A helpline's settings (admins). Languages come as a comma- or space-separated list of codes. */
export const settingsSchema = z.object({
  enabled: checkbox,
  languages: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : list(v)),
    z.array(languageCode).min(1, 'cases.error.languages').max(30),
  ),
  allHours: checkbox,
  hours: text(200).default(''),
  targetMinutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(DEFAULT_TARGET_MINUTES),
  retentionDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS),
  intro: text(2000).default(''),
  directoryId: text(80).default(''),
});
export type SettingsInput = RawInput<typeof settingsSchema>;

/** Opening a case: its limits keep an Arabic or Russian form under the app's 64 KiB body limit. */
export const intakeSchema = z.object({
  what: text(6000).min(1),
  language: languageCode,
  contact: text(500).default(''),
  triage: text(4000).default(''),
  /** The answers from "Get help now" go only when this stays ticked. */
  sendTriage: checkbox,
});
export type IntakeInput = RawInput<typeof intakeSchema>;

/** Coming back to a case. */
export const signInSchema = z.object({
  code: z.string().trim().min(1).max(40),
  passphrase: z.string().trim().min(1).max(60),
});

export const messageSchema = z.object({ text: text(6000).min(1) });
export type MessageInput = RawInput<typeof messageSchema>;

export const stateSchema = z.object({ state: z.enum(SETTABLE_STATES) });
export const assignSchema = z.object({ assignee: z.string().trim().max(40).default('') });

export const vettingSchema = z.object({
  publicSources: text(2000).default(''),
  voucher: text(2000).default(''),
  evaluation: text(2000).default(''),
  signOff: checkbox,
});
export type VettingInput = RawInput<typeof vettingSchema>;

export const referralSchema = z.object({
  to: z.string().trim().min(1).max(40),
  fields: z.preprocess(list, z.array(z.enum(REFERRAL_FIELDS)).min(1, 'cases.error.fields')),
});
export type ReferralInput = RawInput<typeof referralSchema>;

export const templateSchema = z.object({
  language: languageCode,
  title: text(120).min(1),
  text: text(6000).min(1),
});
export type TemplateInput = RawInput<typeof templateSchema>;

/** A field only bots fill: hidden from people and from screen readers. */
export const HONEYPOT_FIELD = 'homepage';
