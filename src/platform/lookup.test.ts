import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLookup, normaliseEmail } from './lookup.ts';

// Computed with the code that wrote the lookup keys stored so far (features/accounts/tokens.ts,
// emailLookup): stored email_lookup values must go on matching.
const SERVER_KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const KNOWN: [string, string][] = [
  ['ana@example.org', '6a62d1ef623b5d0cf9fb7686db575a7d08b68a8f725aea3744051218e98f77ee'],
  ['  Ana.Pérez@Example.ORG ', '81ce656d90e3471efe521a72d6c11c1c1317f8a22b706dbf179aeb015fc66007'],
  ['ｆｕｌｌ@example.org', 'b998a156c8822f89d69f9cb7a2b28965cef4aa3428f11a428bb937f67eb87455'],
  ['Ἀθηνᾶ@παράδειγμα.ελ', 'f77a61d0cf42d3ccd9d78a7ad7bf1304221e6292fbcda96734036c0bfdb0fba0'],
];

describe('lookup keys', () => {
  it('give the same email lookup as the stored ones', () => {
    const lookup = createLookup(SERVER_KEY);
    for (const [address, expected] of KNOWN) expect(lookup.email(address), address).toBe(expected);
  });

  it('find an address however it is typed, and depend on the server key', () => {
    const lookup = createLookup(SERVER_KEY);
    expect(lookup.email(' ANA@Example.org')).toBe(lookup.email('ana@example.org'));
    expect(normaliseEmail(' ｆｕｌｌ@Example.ORG ')).toBe('full@example.org');
    expect(createLookup(randomBytes(32)).email('ana@example.org')).not.toBe(lookup.email('ana@example.org'));
  });
});
