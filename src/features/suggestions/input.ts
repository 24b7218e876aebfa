import { z } from 'zod';
import type { RawInput } from '../../platform/forms.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { KINDS, mechanismIdSchema, REGIONS, SERVES } from '../directory/service.ts';

const text = (max: number) => z.string().trim().max(max);
const optionalList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));

/** The public suggestion form. Ids, statuses and dates are never read from it. */
export const suggestionFormSchema = z
  .object({
    kind: z.enum(['new', 'correction']),
    mechanism: z.string().trim().optional().default(''),
    name: text(160).default(''),
    operator: text(200).default(''),
    website: z.union([z.literal(''), z.url({ protocol: /^https$/ })]).default(''),
    details: z.string().trim().min(20).max(3000),
    kinds: optionalList(z.enum(KINDS)),
    serves: optionalList(z.enum(SERVES)),
    regions: optionalList(z.enum(REGIONS)),
    contact: z.union([z.literal(''), z.email()]).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'new' && v.name.length < 2)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'validation.required' });
    if (v.kind === 'new' && v.website === '')
      ctx.addIssue({ code: 'custom', path: ['website'], message: 'validation.url' });
    if (v.kind === 'correction' && !mechanismIdSchema.safeParse(v.mechanism).success) {
      ctx.addIssue({ code: 'custom', path: ['mechanism'], message: 'validation.unknownMechanism' });
    }
  });

export type SuggestionForm = z.output<typeof suggestionFormSchema>;
/** The form's fields as they arrive, for submitSuggestion to check. */
export type SuggestionInput = RawInput<typeof suggestionFormSchema>;

/** What is sealed: everything the person wrote, including how to reach them, and the page's language (older rows have none: English). */
export type SuggestionPayload = Omit<SuggestionForm, 'kind' | 'mechanism'> & { locale?: Locale };

export const HONEYPOT_FIELD = 'homepage';
