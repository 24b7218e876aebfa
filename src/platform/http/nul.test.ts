// A NUL character is never valid input: PostgreSQL refuses it in text, which used to surface as a 500.
// It is refused up front as bad input (400) wherever it hides: the path, the query, a form field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPlatformUser, signInAs } from '../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';

let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await testEnv();
  cookie = await signInAs(env, await addPlatformUser(env, 'curator'));
});
afterAll(() => env.close());

/** Fails if the server logged an error while `run` ran: a NUL must never get as far as the database. */
async function withoutServerErrors(run: () => Promise<void>): Promise<void> {
  const mark = env.logs.length;
  await run();
  expect(env.logs.slice(mark).filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
}

describe('a NUL character in the request', () => {
  it('in the path or the query of a page: the friendly 400 page', () =>
    withoutServerErrors(async () => {
      for (const url of [
        '/en/support/civicert%00',
        '/en/support?q=bank%00',
        '/en/support?kind=%00',
        '/en/orgs/ab%00cd',
        '/en/curate/directory/x%00y',
        '/en/help?flow=%00',
      ]) {
        const res = await env.app.request(url, { headers: { cookie } });
        expect(res.status, url).toBe(400);
        const html = await res.text();
        expect(html, url).toContain('We could not understand that request.');
        expect(html, url).toContain('<html lang="en"');
      }
    }));

  it('in the API: a 400 problem document', () =>
    withoutServerErrors(async () => {
      for (const url of ['/api/v1/support/civicert%00', '/api/v1/support?q=%00']) {
        const res = await env.app.request(url);
        expect(res.status, url).toBe(400);
        expect(res.headers.get('content-type'), url).toContain('application/problem+json');
      }
    }));

  it('in a url-encoded or multipart form field: 400, and nothing is stored', () =>
    withoutServerErrors(async () => {
      const before = (await env.ctx.db.selectFrom('suggestions').select('id').execute()).length;
      const good = {
        kind: 'new',
        name: 'Nul Fund',
        website: 'https://nul.example.org',
        details: 'Checks that a NUL character is refused.',
      };
      const encoded = await postForm(env, '/en/support/suggest', { ...good, name: 'Nul\u0000Fund' });
      expect(encoded.status).toBe(400);
      const multipart = new FormData();
      for (const [k, v] of Object.entries({ ...good, details: 'Refused\u0000 here too, as multipart.' }))
        multipart.append(k, v);
      const multi = await env.app.request('/en/support/suggest', {
        method: 'POST',
        body: multipart,
        headers: { origin: 'http://localhost' },
      });
      expect(multi.status).toBe(400);
      const signIn = await postForm(env, '/en/login', { email: 'a\u0000@example.org', password: 'whatever it is' });
      expect(signIn.status).toBe(400);
      const edit = await postForm(env, '/en/curate/directory/civicert', { yaml: 'id: civicert\u0000' }, { cookie });
      expect(edit.status).toBe(400);
      expect((await env.ctx.db.selectFrom('suggestions').select('id').execute()).length).toBe(before);
      // The same form without the NUL goes through, so the refusal above was about the NUL alone.
      expect((await postForm(env, '/en/support/suggest', good)).status).toBe(303);
    }));
});
