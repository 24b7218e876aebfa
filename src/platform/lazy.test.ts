import { describe, expect, it } from 'vitest';
import { lazy } from './lazy.ts';

describe('lazy', () => {
  it('loads on the first call only, and callers at once share the one load', async () => {
    let loads = 0;
    const get = lazy(async () => ++loads);
    expect(loads).toBe(0);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    expect(await get()).toBe(1);
    expect(loads).toBe(1);
  });

  it('does not keep a failure: the next call loads again', async () => {
    let loads = 0;
    const get = lazy(async () => {
      loads += 1;
      if (loads === 1) throw new Error('data files have problems');
      return 'library';
    });
    await expect(get()).rejects.toThrow('data files have problems');
    expect(await get()).toBe('library');
    expect(loads).toBe(2);
  });
});
