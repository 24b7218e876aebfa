import { describe, expect, it } from 'vitest';
import { TLP2_EXTENSION, TLP_MARKINGS, type StixObject } from '../stix.ts';
import { parseIndicators, type Indicator } from './indicators.ts';
import { indicatorBundle, indicatorPattern } from './stix.ts';

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

const { indicators: ALL } = parseIndicators(
  [
    'evil.example  lookalike of the bank',
    "https://evil.example/it's?a=b\\c",
    "o'brien@evil.example",
    '203.0.113.9',
    '2001:db8::1',
    MD5,
    SHA1,
    SHA256,
  ].join('\n'),
);
const created = new Date(Date.UTC(2026, 2, 15, 10));
const opts = { tlp: 'amber' as const, producer: { name: 'Viasna', key: 'o1' }, caseKey: 'case-qmzwk', created };

// STIX 2.1 required common properties (spec section 3.2) and the indicator's own (section 4.7).
const REQUIRED: Record<string, string[]> = {
  'marking-definition': ['type', 'spec_version', 'id', 'created'],
  identity: ['type', 'spec_version', 'id', 'created', 'modified', 'name'],
  indicator: ['type', 'spec_version', 'id', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from'],
};
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

describe('indicatorBundle', () => {
  it('has the shape of the specification, with the chosen TLP 2.0 marking on every object', () => {
    const bundle = indicatorBundle(ALL, opts);
    expect(bundle.type).toBe('bundle');
    expect(bundle.id).toMatch(new RegExp(`^bundle--${UUID}$`));
    for (const o of bundle.objects) {
      for (const p of REQUIRED[o.type] ?? ['unknown type']) expect(o, `${o.type} ${p}`).toHaveProperty(p);
      expect(o.spec_version).toBe('2.1');
      expect(o.id).toMatch(new RegExp(`^${o.type}--${UUID}$`));
      if (o.type !== 'marking-definition') expect(o.object_marking_refs).toEqual([TLP_MARKINGS.amber]);
    }
    const of = (type: string) => bundle.objects.filter((o) => o.type === type);
    expect(of('marking-definition')).toEqual([
      expect.objectContaining({
        id: TLP_MARKINGS.amber,
        name: 'TLP:AMBER',
        extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: 'amber' } },
      }),
    ]);
    const [identity] = of('identity');
    expect(identity).toMatchObject({ name: 'Viasna', identity_class: 'organization' });
    const indicators = of('indicator');
    expect(indicators).toHaveLength(8);
    for (const i of indicators) {
      expect(i).toMatchObject({
        created_by_ref: identity!.id,
        created: '2026-03-15T10:00:00.000Z',
        modified: '2026-03-15T10:00:00.000Z',
        valid_from: '2026-03-15T10:00:00.000Z',
        pattern_type: 'stix',
        indicator_types: ['malicious-activity'],
      });
    }
    expect(indicators[0]!.description).toBe('lookalike of the bank');
    expect(indicators[1]).not.toHaveProperty('description');
    expect(JSON.stringify(bundle)).not.toContain('qmzwk'); // the case's id is hashed, never written
  });

  it('writes a pattern for each kind, with quotes and backslashes escaped', () => {
    expect(ALL.map(indicatorPattern)).toEqual([
      "[domain-name:value = 'evil.example']",
      "[url:value = 'https://evil.example/it\\'s?a=b\\\\c']",
      "[email-addr:value = 'o\\'brien@evil.example']",
      "[ipv4-addr:value = '203.0.113.9']",
      "[ipv6-addr:value = '2001:db8::1']",
      `[file:hashes.MD5 = '${MD5}']`,
      `[file:hashes.'SHA-1' = '${SHA1}']`,
      `[file:hashes.'SHA-256' = '${SHA256}']`,
    ]);
    const patterns = indicatorBundle(ALL, opts).objects.map((o) => o.pattern);
    expect(patterns.filter(Boolean)).toEqual(ALL.map(indicatorPattern));
  });

  it('uses the same ids for the same case and indicator, so a consumer updates instead of duplicating', () => {
    const once = indicatorBundle(ALL, opts);
    expect(indicatorBundle(ALL, opts)).toEqual(once);
    const ids = (b: { objects: StixObject[] }) => b.objects.map((o) => o.id);
    expect(new Set(ids(once)).size).toBe(once.objects.length);
    // Another selection from the same case: the shared indicators keep their ids.
    const part = indicatorBundle(ALL.slice(2, 4), opts);
    expect(ids(part).slice(2)).toEqual(ids(once).slice(4, 6));
    expect(part.id).not.toBe(once.id);
    // Another case: other indicator ids, the same producer identity.
    const other = indicatorBundle(ALL, { ...opts, caseKey: 'case-other' });
    expect(
      ids(other)
        .slice(2)
        .some((id) => ids(once).includes(id)),
    ).toBe(false);
    expect(ids(other)[1]).toBe(ids(once)[1]);
  });

  it('writes a repeated indicator once and refuses one that is not canonical', () => {
    const twice: Indicator[] = [ALL[0]!, { ...ALL[0]!, note: 'again' }];
    expect(indicatorBundle(twice, opts).objects.filter((o) => o.type === 'indicator')).toHaveLength(1);
    expect(() => indicatorBundle([{ kind: 'domain', value: 'EVIL.example' }], opts)).toThrow();
    expect(() => indicatorBundle([{ kind: 'ipv4', value: 'evil.example' }], opts)).toThrow();
  });

  it('names no one when the producer is anonymous, and marks with the level chosen', () => {
    const bundle = indicatorBundle(ALL, { ...opts, producer: null, tlp: 'red' });
    expect(bundle.objects.find((o) => o.type === 'identity')).toMatchObject({
      name: 'Anonymous reporter',
      identity_class: 'unspecified',
    });
    expect(JSON.stringify(bundle)).not.toContain('Viasna');
    expect(bundle.objects[0]).toMatchObject({ id: TLP_MARKINGS.red, name: 'TLP:RED' });
    expect(bundle.objects.every((o) => o.type === 'marking-definition' || o.object_marking_refs)).toBe(true);
  });
});
