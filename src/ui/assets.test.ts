// The assets are served as built at start: the stylesheet minified, with every rule it had.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assetRoutes, assetText, assetUrl } from './assets.ts';

describe('assets', () => {
  const source = fs.readFileSync(new URL('./styles/app.css', import.meta.url), 'utf8');
  const served = assetText('app.css');

  it('serves the stylesheet minified, under a fingerprinted URL', async () => {
    expect(served.length).toBeLessThan(source.length * 0.8);
    expect(served).not.toMatch(/\n\s*\n/);
    const res = await assetRoutes.request(assetUrl['app.css']!);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(served);
  });

  it('keeps every selector and custom property of the source', () => {
    const names = (text: string) => new Set(text.match(/(?<![\w-])(?:\.[a-z][\w-]*|--[\w-]+)/g));
    const missing = [...names(source)].filter((name) => !names(served).has(name));
    expect(names(source).size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
