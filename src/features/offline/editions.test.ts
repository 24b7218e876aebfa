import { describe, expect, it } from 'vitest';
import { createOfflineEditions } from './editions.ts';

describe('offline editions', () => {
  it('builds a locale once per revision, and again when the revision moves', async () => {
    const editions = createOfflineEditions();
    let builds = 0;
    const build = (text: string) => async () => `${text} #${++builds}`;
    expect(await editions.file('es', 'r1', build('es'))).toBe('es #1');
    expect(await editions.file('es', 'r1', build('es'))).toBe('es #1');
    expect(await editions.file('fr', 'r1', build('fr'))).toBe('fr #2');
    expect(await editions.file('es', 'r2', build('es'))).toBe('es #3');
    expect(await editions.file('fr', 'r1', build('fr'))).toBe('fr #2');
  });

  it('shares one build between requests that arrive together, and keeps no failed build', async () => {
    const editions = createOfflineEditions();
    let builds = 0;
    const slow = async () => {
      builds++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return 'html';
    };
    expect(await Promise.all([editions.file('ar', 'r1', slow), editions.file('ar', 'r1', slow)])).toEqual([
      'html',
      'html',
    ]);
    expect(builds).toBe(1);
    const broken = async (): Promise<string> => {
      throw new Error('no flows');
    };
    await expect(editions.file('ru', 'r1', broken)).rejects.toThrow('no flows');
    expect(await editions.file('ru', 'r1', async () => 'built')).toBe('built');
  });
});
