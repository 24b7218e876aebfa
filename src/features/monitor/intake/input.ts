// What the public intake's forms take, and what is sealed from them. Nothing about the sender is read
// from a request: no address, no browser, no time but the day the server rounds to.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { isCountryCode } from '../countries.ts';
import { newId } from '../../../platform/ids.ts';
import { partialDate, type Source } from '../model.ts';
import { PERPETRATORS } from '../vocabulary.ts';

const text = (max: number) => z.string().trim().max(max);
/** An optional choice: empty, or one of `ids`. */
const optional = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.union([z.literal(''), z.enum(ids)]).default('');

/**
 * The public form. Its limits keep a form in Arabic or Russian (two bytes a letter, three characters a
 * byte once URL-encoded) under the app's 64 KiB body limit.
 */
export const reportFormSchema = z.object({
  what: text(6000).min(1),
  when: z
    .string()
    .trim()
    .default('')
    .refine((d) => d === '' || partialDate.safeParse(d).success, 'intake.form.when.invalid'),
  country: z
    .string()
    .trim()
    .default('')
    .refine((c) => c === '' || isCountryCode(c), 'validation.choice'),
  place: text(300).default(''),
  perpetrator: optional(PERPETRATORS),
  contact: text(500).default(''),
});
export type ReportForm = z.output<typeof reportFormSchema>;
export type ReportInput = RawInput<typeof reportFormSchema>;

/** Adding to a report: the receipt code and the new text. */
export const additionFormSchema = z.object({
  code: z.string().trim().min(1).max(60),
  text: text(6000).min(1),
});
export type AdditionInput = RawInput<typeof additionFormSchema>;

/** An organisation's settings for its form. */
export const settingsFormSchema = z.object({
  enabled: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  intro: text(2000).default(''),
});
export type SettingsInput = RawInput<typeof settingsFormSchema>;

/** What a report's box holds: the form, the day it arrived (UTC, no time) and the page's language. */
export interface ReportBox extends ReportForm {
  kind: 'report';
  day: string;
  locale: Locale;
}

/** What an addition's box holds: the report it adds to, named only inside the box. */
export interface AdditionBox {
  kind: 'addition';
  to: string;
  day: string;
  text: string;
  locale: Locale;
}

export type Box = ReportBox | AdditionBox;

/** A field only bots fill: hidden from people and from screen readers. */
export const HONEYPOT_FIELD = 'homepage';

/** The source of an event recorded from what someone told the organisation: a witness, on that day. */
export const witnessSource = (capturedOn: string): Source => ({
  id: newId(8),
  kind: 'witness',
  url: '',
  description: '',
  collector: '',
  capturedOn,
  reliability: 'cannot-judge',
  fileIds: [],
});
