// Atom feeds (RFC 4287) of public events, per country and per violation type. Built only from public
// copies (publicView), so nothing unpublished can reach a feed. The feed's `updated` is the newest
// publication time, or a fixed epoch when there is none: never the wall clock, so an unchanged feed
// is byte-for-byte the same and caches well. Every text is XML-escaped.
import { uuidv5 } from '../../../platform/stix.ts';
import type { PublicEvent } from '../model.ts';
import { xml } from '../../../platform/xml.ts';

export { xml };

/** When a feed has no entries: a fixed date, so the feed does not change from one request to the next. */
export const EMPTY_FEED_UPDATED = '1970-01-01T00:00:00.000Z';

export interface FeedEntry {
  event: PublicEvent;
  title: string;
  summary: string;
  /** The absolute address of the public event page. */
  link: string;
}

export interface Feed {
  /** A stable name for the feed (e.g. "country:BY:en"), turned into its urn:uuid id. */
  key: string;
  title: string;
  /** The feed's own absolute address. */
  self: string;
  /** An absolute address of a page showing the same events, if there is one. */
  alternate: string | null;
  entries: FeedEntry[];
}

/** An entry's id: the same for a public event in every feed and language. */
export const entryId = (publicId: string) => `urn:uuid:${uuidv5(`monitor-public:${publicId}`)}`;

export function atomFeed(feed: Feed): string {
  const newest = feed.entries.map((e) => new Date(e.event.publishedAt).toISOString()).sort();
  const updated = newest[newest.length - 1] ?? EMPTY_FEED_UPDATED;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:uuid:${uuidv5(`monitor-feed:${feed.key}`)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    ...(feed.alternate ? [`  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>`] : []),
    '  <author><name>Amparo</name></author>',
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${entryId(e.event.id)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <updated>${new Date(e.event.publishedAt).toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>`,
      `    <summary>${xml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return lines.join('\n') + '\n';
}
