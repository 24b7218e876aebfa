import { describe, expect, it } from 'vitest';
import {
  identityObject,
  markingObject,
  patternString,
  stamp,
  TLP2_EXTENSION,
  TLP_LEVELS,
  TLP_MARKINGS,
  producerBundle,
  uuidv5,
} from './stix.ts';

describe('shared STIX parts', () => {
  it('makes RFC 9562 version 5 UUIDs', () => {
    // RFC 9562's own example: the version 5 UUID of "www.example.com" under the DNS namespace.
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
    expect(uuidv5('a')).not.toBe(uuidv5('b'));
  });

  it('writes the TLP 2.0 marking definitions the OASIS CTI TC publishes', () => {
    expect(markingObject('amber+strict')).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: 'amber+strict' } },
    });
    expect(new Set(TLP_LEVELS.map((l) => markingObject(l).id))).toEqual(new Set(Object.values(TLP_MARKINGS)));
    expect(markingObject('clear').name).toBe('TLP:CLEAR');
  });

  it('escapes backslashes and quotes in pattern strings, backslashes first', () => {
    expect(patternString("it's")).toBe("'it\\'s'");
    expect(patternString('a\\b')).toBe("'a\\\\b'");
    expect(patternString("\\'")).toBe("'\\\\\\''");
  });

  it('stamps in UTC with milliseconds', () => {
    expect(stamp(new Date(Date.UTC(2026, 2, 15, 10)))).toBe('2026-03-15T10:00:00.000Z');
    expect(stamp('2026-03-15T12:00:00+02:00')).toBe('2026-03-15T10:00:00.000Z');
  });

  it('gives a producer the same identity whatever else is exported, and a bundle an id of its contents', () => {
    const producer = { name: 'Viasna', key: 'o1' };
    const identity = identityObject(producer, 'green');
    expect(identity).toMatchObject({ name: 'Viasna', identity_class: 'organization' });
    expect(identityObject(producer, 'green')).toEqual(identity);
    expect(identityObject({ ...producer, key: 'o2' }, 'green').id).not.toBe(identity.id);
    expect(identityObject(null, 'green')).toMatchObject({ name: 'Anonymous reporter', identity_class: 'unspecified' });
    const note = (modified: string) => () => [{ type: 'note', id: 'note--1', modified }];
    const one = producerBundle('green', producer, note('2026-01-01T00:00:00.000Z'));
    expect(one.objects.map((o) => o.id)).toEqual([TLP_MARKINGS.green, identity.id, 'note--1']);
    expect(producerBundle('green', producer, note('2026-01-01T00:00:00.000Z'))).toEqual(one);
    expect(producerBundle('green', producer, note('2027-01-01T00:00:00.000Z')).id).not.toBe(one.id);
  });

  it('gives every object the bundle builds the version, the producer and the marking', () => {
    const bundle = producerBundle('red', null, (common) => [{ type: 'note', id: 'note--1', ...common }]);
    expect(bundle.objects[2]).toEqual({
      type: 'note',
      id: 'note--1',
      spec_version: '2.1',
      created_by_ref: bundle.objects[1]!.id,
      object_marking_refs: [TLP_MARKINGS.red],
    });
  });
});
