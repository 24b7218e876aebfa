// The safety page's forms: the prepared alert, and the duress passphrase with what it does.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';
import { newPasswordSchema, PASSWORD_MAX } from '../../accounts/account/service.ts';
import { ALERT_DELAYS } from '../alerts.ts';

export const MAX_CONTACTS = 5;
const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === 'on' || (Array.isArray(v) && v.includes('on')));
const email = z.email();

export const alertSchema = z
  .object({
    contacts: z
      .string()
      .max(2000)
      .default('')
      .transform((s) => s.split(/[\s,;]+/).filter(Boolean)),
    webhook: z.string().trim().max(500).default(''),
    message: z.string().trim().max(500).default(''),
    delay: z.enum(ALERT_DELAYS.map(String) as ['0', '15', '60', '240']).default('0'),
    consent: checkbox,
  })
  .superRefine((v, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.contacts.length > MAX_CONTACTS) problem('contacts', 'alert.tooManyContacts');
    else if (v.contacts.some((c) => !email.safeParse(c).success)) problem('contacts', 'alert.badContact');
    else if (v.contacts.length === 0 && !v.webhook) problem('contacts', 'alert.nowhere');
    if (v.webhook && !isHttpsUrl(v.webhook)) problem('webhook', 'alert.https');
    if (!v.consent) problem('consent', 'alert.consent');
  });
export type AlertInput = RawInput<typeof alertSchema>;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The duress passphrase is `password` here, so it gets the password rules; `current` is the real password. */
export const duressSchema = newPasswordSchema({
  current: z.string().max(4 * PASSWORD_MAX),
  destroy_keys: checkbox,
  end_sessions: checkbox,
  send_alert: checkbox,
  erase_org: checkbox,
  decoy_org: z.string().max(40).default(''),
});
export type DuressInput = RawInput<typeof duressSchema>;

export const currentPasswordSchema = z.object({ remove_current: z.string().max(4 * PASSWORD_MAX) });
export type CurrentPasswordInput = RawInput<typeof currentPasswordSchema>;
