// What a published event shows, and nothing else. The public copy is built here from the fields the
// organisation marked publishable; people's names and contacts, source details and exact points have no
// way in. Free text is redacted too: any name, contact or collector of the event written into its title
// or description is replaced before it leaves, whatever the form said.
import type { MonitorEvent, PublicEvent } from './model.ts';

export const REDACTED = '[…]';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The strings of an event that identify people or places: names (and each part of a name), contacts,
 * collectors, source addresses, and the exact point's coordinates as they would be written.
 */
export function identifyingStrings(e: MonitorEvent): string[] {
  // Also rounded: two decimals still place a house within a kilometre.
  const point = e.place.point
    ? [e.place.point.lat, e.place.point.lon].flatMap((x) => [String(x), x.toFixed(4), x.toFixed(3), x.toFixed(2)])
    : [];
  const whole = [
    ...e.parties.flatMap((p) => [p.name, p.contact]),
    ...e.sources.flatMap((s) => [s.collector, s.url]),
    ...point,
  ].filter((s) => s.trim().length > 0);
  const parts = e.parties.flatMap((p) => p.name.split(/[\s,]+/u)).filter((s) => s.length >= 3);
  return [...new Set([...whole, ...parts])].sort((a, b) => b.length - a.length);
}

/** The text with every identifying string replaced (case-insensitive, whole or part of a word). */
export function redact(text: string, identifying: readonly string[]): string {
  let out = text;
  for (const s of identifying) out = out.replace(new RegExp(escapeRegExp(s.trim()), 'giu'), REDACTED);
  return out;
}

/** The public copy of an event, as published at `at`. */
export function publicView(e: MonitorEvent, publicId: string, at: string): PublicEvent {
  const show = new Set(e.publication.fields);
  const identifying = identifyingStrings(e);
  const clean = (s: string) => redact(s, identifying);
  return {
    id: publicId,
    country: e.place.country,
    // Without "dates", the year only.
    start: show.has('dates') ? e.start : { date: e.start.date.slice(0, 4), precision: 'year' },
    end: show.has('dates') ? e.end : null,
    region: show.has('region') && e.place.region ? clean(e.place.region) : null,
    title: show.has('title') ? clean(e.title) : null,
    description: show.has('description') && e.description ? clean(e.description) : null,
    acts: show.has('acts') ? e.acts.map((a) => ({ type: a.type, mode: a.mode, right: a.right })) : [],
    perpetrators: show.has('perpetrators')
      ? [...new Set(e.parties.filter((p) => p.role === 'perpetrator' && p.category).map((p) => p.category))]
      : [],
    sourceCount: show.has('sources') ? e.sources.length : null,
    verification: show.has('verification') ? e.verification.state : null,
    publishedAt: at,
  };
}
