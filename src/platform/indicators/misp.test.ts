import { describe, expect, it } from 'vitest';
import { parseIndicators, type Indicator } from './indicators.ts';
import { mispEvent } from './misp.ts';

const { indicators: ALL } = parseIndicators(
  [
    'evil.example  lookalike of the bank',
    'https://evil.example/login',
    'billing@evil.example',
    '203.0.113.9',
    '2001:db8::1',
    'd41d8cd98f00b204e9800998ecf8427e',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ].join('\n'),
);
const EVENT_UUID = '0b7c2a4e-5f1d-4c3b-9a8e-6d2f1e0c9b7a';
const date = new Date(Date.UTC(2026, 2, 15, 10));
const opts = { tlp: 'amber' as const, info: 'Phishing wave against\nhuman rights defenders', date, uuid: EVENT_UUID };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('mispEvent', () => {
  it('has the fields the MISP core format requires, with its value types', () => {
    const { Event } = mispEvent(ALL, opts);
    expect(Event).toMatchObject({
      uuid: EVENT_UUID,
      info: 'Phishing wave against human rights defenders',
      date: '2026-03-15',
      timestamp: String(date.getTime() / 1000),
      published: false,
      threat_level_id: '4',
      analysis: '0',
      distribution: '0',
      sharing_group_id: '0',
      Tag: [{ name: 'tlp:amber', exportable: true }],
    });
    for (const a of Event.Attribute) {
      expect(a.uuid).toMatch(UUID);
      expect(a).toMatchObject({ to_ids: true, distribution: '5', deleted: false, timestamp: Event.timestamp });
      for (const key of ['type', 'category', 'value', 'comment', 'sharing_group_id'] as const) {
        expect(typeof a[key], key).toBe('string');
      }
    }
  });

  it("maps each kind to MISP's type and default category", () => {
    const { Event } = mispEvent(ALL, opts);
    expect(Event.Attribute.map((a) => [a.type, a.category, a.value, a.comment])).toEqual([
      ['domain', 'Network activity', 'evil.example', 'lookalike of the bank'],
      ['url', 'Network activity', 'https://evil.example/login', ''],
      ['email-src', 'Payload delivery', 'billing@evil.example', ''],
      ['ip-dst', 'Network activity', '203.0.113.9', ''],
      ['ip-dst', 'Network activity', '2001:db8::1', ''],
      ['md5', 'Payload delivery', 'd41d8cd98f00b204e9800998ecf8427e', ''],
      ['sha1', 'Payload delivery', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', ''],
      ['sha256', 'Payload delivery', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', ''],
    ]);
  });

  it('tags the TLP 2.0 level and lets the importing instance spread it no wider than the level allows', () => {
    const of = (tlp: 'clear' | 'green' | 'amber+strict' | 'red') => mispEvent(ALL, { ...opts, tlp }).Event;
    expect(
      [of('clear'), of('green'), of('amber+strict'), of('red')].map((e) => [e.Tag[0]!.name, e.distribution]),
    ).toEqual([
      ['tlp:clear', '3'],
      ['tlp:green', '1'],
      ['tlp:amber+strict', '0'],
      ['tlp:red', '0'],
    ]);
  });

  it('keeps attribute uuids across exports of the same event, and a repeated indicator once', () => {
    const uuids = (indicators: readonly Indicator[], uuid = EVENT_UUID) =>
      mispEvent(indicators, { ...opts, uuid }).Event.Attribute.map((a) => a.uuid);
    const all = uuids(ALL);
    expect(uuids(ALL)).toEqual(all);
    expect(new Set(all).size).toBe(ALL.length);
    expect(uuids(ALL.slice(3, 5))).toEqual(all.slice(3, 5));
    expect(uuids(ALL, '7d1e4f2a-9c3b-4e8d-a1f0-2b6c5d4e3f10').some((u) => all.includes(u))).toBe(false);
    expect(uuids([ALL[0]!, { ...ALL[0]!, note: 'again' }])).toHaveLength(1);
  });

  it('keeps info to one line of 256 characters and refuses a bad uuid, date or indicator', () => {
    expect(mispEvent(ALL, { ...opts, info: 'x'.repeat(300) }).Event.info).toHaveLength(256);
    expect(() => mispEvent(ALL, { ...opts, uuid: 'case-1' })).toThrow();
    expect(() => mispEvent(ALL, { ...opts, date: new Date('not a date') })).toThrow();
    expect(() => mispEvent([{ kind: 'sha256', value: 'abc' }], opts)).toThrow();
  });
});
