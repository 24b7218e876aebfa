// What a person has told the triage so far. It lives only in the URL (GET parameters), never on
// the server: every step is a link, and the back button works.
import { z } from 'zod';
import type { SERVES } from '../directory/service.ts';
import type { ContextField } from './schema.ts';

export const AUDIENCES = [
  'cso',
  'hrd',
  'journalist',
  'protester',
  'lawyer',
  'scholar',
  'artist',
] as const satisfies readonly (typeof SERVES)[number][];
export const URGENCIES = ['now', 'days', 'later'] as const;
/** "none" = the person preferred not to say; it counts as answered. */
export const NOT_SAID = 'none';

export const stateSchema = z.object({
  who: z
    .enum([...AUDIENCES, NOT_SAID])
    .optional()
    .catch(undefined),
  lang: z
    .string()
    .regex(/^([a-z]{2}|none)$/)
    .optional()
    .catch(undefined),
  country: z
    .string()
    .regex(/^([A-Z]{2}|none)$/)
    .optional()
    .catch(undefined),
  urgency: z
    .enum([...URGENCIES, NOT_SAID])
    .optional()
    .catch(undefined),
});

export interface TriageState {
  audience?: string;
  language?: string;
  country?: string;
  urgency?: string;
  /** Raw answers, including "none", to rebuild links. */
  answered: Partial<Record<ContextField, string>>;
}

const PARAM: Record<ContextField, 'who' | 'lang' | 'country' | 'urgency'> = {
  audience: 'who',
  language: 'lang',
  country: 'country',
  urgency: 'urgency',
};
export const paramOf = (field: ContextField) => PARAM[field];

export function readState(params: URLSearchParams): TriageState {
  const raw = stateSchema.parse(
    Object.fromEntries(['who', 'lang', 'country', 'urgency'].map((k) => [k, params.get(k) ?? undefined])),
  );
  const said = (v: string | undefined) => (v && v !== NOT_SAID ? v : undefined);
  const answered: TriageState['answered'] = {};
  if (raw.who) answered.audience = raw.who;
  if (raw.lang) answered.language = raw.lang;
  if (raw.country) answered.country = raw.country;
  if (raw.urgency) answered.urgency = raw.urgency;
  return {
    audience: said(raw.who),
    language: said(raw.lang),
    country: said(raw.country),
    urgency: said(raw.urgency),
    answered,
  };
}

/** The query string carrying the state, optionally with one more answer. */
export function stateQuery(state: TriageState, add?: { field: ContextField; value: string }): string {
  const params = new URLSearchParams();
  const answered = { ...state.answered, ...(add ? { [add.field]: add.value } : {}) };
  for (const field of ['audience', 'language', 'country', 'urgency'] as const) {
    const value = answered[field];
    if (value) params.set(PARAM[field], value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The state without one answer (for a Back link to the question that gave it). */
export function withoutAnswer(state: TriageState, field: ContextField): TriageState {
  const answered = { ...state.answered };
  delete answered[field];
  const params = new URLSearchParams(stateQuery({ ...state, answered }).slice(1));
  return readState(params);
}
