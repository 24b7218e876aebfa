// The Atom feed (RFC 4287) of one country's stage changes. Built from the curated files only: `updated`
// is the newest step's date (or a fixed epoch), never the wall clock, so an unchanged feed is the same
// byte for byte. Every text is XML-escaped.
import { uuidv5 } from '../../platform/stix.ts';
import { xml } from '../../platform/xml.ts';
import type { StageChange } from './service.ts';

const EMPTY_FEED_UPDATED = '1970-01-01T00:00:00.000Z';
const dayTime = (date: string) => `${date}T00:00:00Z`;

export interface LegislationFeed {
  /** A stable name (e.g. "legislation:GE:en"), turned into the feed's urn:uuid id. */
  key: string;
  title: string;
  self: string;
  alternate: string;
  entries: { change: StageChange; title: string; summary: string; link: string }[];
}

/** A stage change's id: the same in every language's feed. */
export const changeId = (c: StageChange) => `urn:uuid:${uuidv5(`legislation:${c.entry.id}:${c.index}:${c.stage}`)}`;

export function legislationAtom(feed: LegislationFeed): string {
  const newest = feed.entries.map((e) => e.change.date).sort();
  const updated = newest.length > 0 ? dayTime(newest[newest.length - 1]!) : EMPTY_FEED_UPDATED;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:uuid:${uuidv5(`legislation-feed:${feed.key}`)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>`,
    '  <author><name>Amparo</name></author>',
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${changeId(e.change)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <updated>${dayTime(e.change.date)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>`,
      `    <link rel="related" href="${xml(e.change.source)}"/>`,
      `    <summary>${xml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return lines.join('\n') + '\n';
}
