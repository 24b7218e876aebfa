import { describe, expect, it } from 'vitest';
import { isPublicAddress, resolvesToPublic } from './public-address.ts';

describe('public addresses', () => {
  it('refuses loopback, private, link-local and mapped addresses, and accepts public ones', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0'])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::']) expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['93.184.216.34', '8.8.8.8', '2001:4860:4860::8888']) expect(isPublicAddress(a), a).toBe(true);
    expect(isPublicAddress('not an address')).toBe(false);
  });

  it('resolves names: localhost is not public; a literal is checked as it is', async () => {
    expect(await resolvesToPublic('localhost')).toBe(false);
    expect(await resolvesToPublic('127.0.0.1')).toBe(false);
    expect(await resolvesToPublic('[::1]')).toBe(false);
    expect(await resolvesToPublic('8.8.8.8')).toBe(true);
    expect(await resolvesToPublic('name.that.does.not.exist.invalid')).toBe(false);
  });
});
