// Reading pages through app.request, as a browser without JavaScript: `page` checks the status.
import { expect } from 'vitest';
import type { TestEnv } from './context.ts';

export function pageReader(env: () => TestEnv) {
  const get = (url: string) => env().app.request(url);
  const page = async (url: string, status = 200) => {
    const res = await get(url);
    expect(res.status, url).toBe(status);
    return res.text();
  };
  return { get, page };
}
