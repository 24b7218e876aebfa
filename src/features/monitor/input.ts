// The event form, without JavaScript: acts, people and sources are numbered rows (`act.0.type`,
// `party.1.name`, …); an empty row is skipped, a half-filled one is a problem on its own field. The
// date's precision follows from what was typed: 2026, 2026-03 or 2026-03-14.
import { z } from 'zod';
import { fail, ok, type Problems, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import {
  MODES,
  PARTY_KINDS,
  partialDate,
  PUBLIC_FIELDS,
  PUBLICATION,
  ROLES,
  VERIFICATION,
  type Act,
  type EventDate,
  type EventInput,
  type Party,
  type PublicField,
  type PublicationState,
  type Source,
  type VerificationState,
} from './model.ts';
import type { EventFilters } from './terms.ts';
import { idsOf, type Vocabulary } from './vocabulary.ts';

/** Rows each kind of list shows beyond those filled in; "add rows" asks for more. */
export const SPARE_ROWS = { act: 1, party: 2, source: 1 } as const;
export type RowKind = keyof typeof SPARE_ROWS;
const MAX_ROWS = 60;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? '')).trim();

export function precisionOf(date: string): EventDate['precision'] {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/** How many rows of a kind the form holds: the highest numbered field, plus one. */
export function rowCount(fields: FormValues, kind: RowKind): number {
  let n = 0;
  for (const name of Object.keys(fields)) {
    const m = new RegExp(`^${kind}\\.(\\d+)\\.`).exec(name);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, MAX_ROWS);
}

const LIMITS = {
  title: 300,
  description: 20_000,
  region: 300,
  name: 300,
  contact: 500,
  note: 2000,
  url: 2000,
  text: 4000,
};

export function parseEventForm(fields: FormValues, vocabulary: Vocabulary): Result<EventInput> {
  const problems: Problems = {};
  const say = (field: string, key: string, values?: Record<string, string | number>) => {
    problems[field] ??= values ? { key, values } : { key };
  };
  const text = (name: string, max: number, required = false) => {
    const v = one(fields[name]);
    if (required && !v) say(name, 'validation.required');
    if (v.length > max) say(name, 'validation.tooLong', { max });
    return v.slice(0, max);
  };
  const date = (name: string, required: boolean): EventDate | null => {
    const v = one(fields[name]);
    if (!v) {
      if (required) say(name, 'validation.required');
      return null;
    }
    if (!partialDate.safeParse(v).success) {
      say(name, 'monitor.error.date');
      return null;
    }
    return { date: v, precision: precisionOf(v) };
  };
  const known = (name: string, kind: Parameters<typeof idsOf>[1], required = true) => {
    const v = one(fields[name]);
    if (!v && !required) return '';
    if (!idsOf(vocabulary, kind).has(v)) say(name, 'validation.choice');
    return v;
  };
  const among = <T extends string>(name: string, options: readonly T[]): T => {
    const v = one(fields[name]) as T;
    if (!options.includes(v)) say(name, 'validation.choice');
    return v;
  };

  const title = text('title', LIMITS.title, true);
  const description = text('description', LIMITS.description);
  const start = date('start', true);
  const end = date('end', false);
  if (start && end && end.date < start.date.slice(0, end.date.length)) say('end', 'monitor.error.endBeforeStart');
  const country = one(fields.country).toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) say('country', 'validation.choice');
  const region = text('region', LIMITS.region);
  const point = readPoint(one(fields.lat), one(fields.lon), say);

  const acts: Act[] = [];
  for (let i = 0; i < rowCount(fields, 'act'); i++) {
    const p = `act.${i}`;
    if (!one(fields[`${p}.type`]) && !one(fields[`${p}.note`])) continue;
    const type = known(`${p}.type`, 'violations');
    const right = one(fields[`${p}.right`]) || (vocabulary.violations.find((v) => v.id === type)?.right ?? '');
    if (!idsOf(vocabulary, 'rights').has(right)) say(`${p}.right`, 'validation.choice');
    acts.push({ type, right, mode: among(`${p}.mode`, MODES), note: text(`${p}.note`, LIMITS.note) });
  }
  if (acts.length === 0) say('act.0.type', 'monitor.error.noAct');

  const parties: Party[] = [];
  for (let i = 0; i < rowCount(fields, 'party'); i++) {
    const p = `party.${i}`;
    const name = text(`${p}.name`, LIMITS.name);
    const category = one(fields[`${p}.category`]);
    if (!name && !category && !one(fields[`${p}.contact`]) && !one(fields[`${p}.note`])) continue;
    const role = among(`${p}.role`, ROLES);
    parties.push({
      id: one(fields[`${p}.id`]) || newId(8),
      role,
      kind: among(`${p}.kind`, PARTY_KINDS),
      name,
      category: role === 'perpetrator' ? known(`${p}.category`, 'perpetrators', false) : '',
      contact: text(`${p}.contact`, LIMITS.contact),
      note: text(`${p}.note`, LIMITS.note),
    });
  }

  const sources: Source[] = [];
  for (let i = 0; i < rowCount(fields, 'source'); i++) {
    const p = `source.${i}`;
    const url = text(`${p}.url`, LIMITS.url);
    const descriptionText = text(`${p}.description`, LIMITS.text);
    if (!url && !descriptionText) continue;
    if (url && !z.url({ protocol: /^https?$/ }).safeParse(url).success) say(`${p}.url`, 'validation.url');
    const captured = one(fields[`${p}.captured`]);
    if (captured && !partialDate.safeParse(captured).success) say(`${p}.captured`, 'monitor.error.date');
    sources.push({
      id: one(fields[`${p}.id`]) || newId(8),
      kind: known(`${p}.kind`, 'sourceKinds'),
      url,
      description: descriptionText,
      collector: text(`${p}.collector`, LIMITS.name),
      capturedOn: captured,
      reliability: known(`${p}.reliability`, 'reliability'),
      fileIds: one(fields[`${p}.files`]).split(' ').filter(Boolean),
    });
  }

  if (Object.keys(problems).length > 0 || !start) return fail(problems);
  return ok({ title, description, start, end, place: { country, region, point }, acts, parties, sources });
}

function readPoint(lat: string, lon: string, say: (field: string, key: string) => void) {
  if (!lat && !lon) return null;
  const [a, b] = [Number(lat), Number(lon)];
  if (!lat || !Number.isFinite(a) || a < -90 || a > 90) say('lat', 'monitor.error.point');
  if (!lon || !Number.isFinite(b) || b < -180 || b > 180) say('lon', 'monitor.error.point');
  return Number.isFinite(a) && Number.isFinite(b) ? { lat: a, lon: b } : null;
}

/** An event as the form's values, with `spare` empty rows of each kind after the filled ones. */
export function eventToForm(e: EventInput): FormValues {
  const v: FormValues = {
    title: e.title,
    description: e.description,
    start: e.start.date,
    end: e.end?.date ?? '',
    country: e.place.country,
    region: e.place.region,
    lat: e.place.point ? String(e.place.point.lat) : '',
    lon: e.place.point ? String(e.place.point.lon) : '',
  };
  e.acts.forEach((a, i) =>
    Object.assign(v, {
      [`act.${i}.type`]: a.type,
      [`act.${i}.mode`]: a.mode,
      [`act.${i}.right`]: a.right,
      [`act.${i}.note`]: a.note,
    }),
  );
  e.parties.forEach((p, i) => {
    for (const k of ['id', 'role', 'kind', 'name', 'category', 'contact', 'note'] as const) v[`party.${i}.${k}`] = p[k];
  });
  e.sources.forEach((s, i) => {
    for (const k of ['id', 'kind', 'url', 'description', 'collector', 'reliability'] as const)
      v[`source.${i}.${k}`] = s[k];
    v[`source.${i}.captured`] = s.capturedOn;
    v[`source.${i}.files`] = s.fileIds.join(' ');
  });
  return v;
}

export function parseVerification(fields: FormValues): VerificationState | null {
  const v = one(fields.state) as VerificationState;
  return VERIFICATION.includes(v) ? v : null;
}

export function parsePublication(fields: FormValues): { state: PublicationState; fields: PublicField[] } | null {
  const state = one(fields.state) as PublicationState;
  if (!PUBLICATION.includes(state)) return null;
  const chosen = [fields.fields ?? []].flat().filter((f): f is PublicField => PUBLIC_FIELDS.includes(f as PublicField));
  return { state, fields: state === 'private' ? [] : [...new Set(chosen)] };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The search form's query: unknown values are dropped, not errors (it is a GET link anyone may edit). */
export function parseFilters(query: Record<string, string[]>, vocabulary: Vocabulary): EventFilters {
  const list = (name: string, allowed: Set<string>) => [...new Set((query[name] ?? []).filter((v) => allowed.has(v)))];
  const month = (name: string) => {
    const v = (query[name] ?? [])[0] ?? '';
    return MONTH.test(v) ? v : null;
  };
  return {
    q: ((query.q ?? [])[0] ?? '').slice(0, 200),
    countries: [...new Set((query.country ?? []).map((c) => c.toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))],
    types: list('type', idsOf(vocabulary, 'violations')),
    rights: list('right', idsOf(vocabulary, 'rights')),
    perpetrators: list('perpetrator', idsOf(vocabulary, 'perpetrators')),
    verification: list('verification', new Set(VERIFICATION)),
    publication: list('publication', new Set(PUBLICATION)),
    from: month('from'),
    to: month('to'),
  };
}
