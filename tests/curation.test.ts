// The curator's queue and editor through the routes: approve, merge, reject with a reason, edit a record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPlatformUser, signInAs } from './helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { anonymous } from '../src/platform/access.ts';
import { getMechanism } from '../src/features/directory/service.ts';
import { findSuggestion } from '../src/features/suggestions/queries.ts';
import { submitSuggestion } from '../src/features/suggestions/service.ts';
import { sealAt } from '../src/platform/sealer.ts';
import { catalogs } from '../src/platform/i18n/index.ts';

let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await testEnv();
  cookie = await signInAs(env, await addPlatformUser(env, 'curator'));
});
afterAll(() => env.close());

async function suggest(name: string, extra: Record<string, unknown> = {}) {
  const result = await submitSuggestion(env.ctx, anonymous, {
    kind: 'new',
    name,
    website: 'https://example.org/fund',
    details: 'Small grants for human rights defenders in danger.',
    contact: 'sender@example.org',
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value.id;
}
const post = (url: string, fields: Record<string, string> = {}) => postForm(env, url, fields, { cookie });

describe('curation', () => {
  it("shows the queue with the sender's text, and approves a complete suggestion into the directory", async () => {
    const id = await suggest('Fondo Valiente', { regions: 'americas', kinds: 'emergency-grant', serves: 'hrd' });
    const queue = await env.app.request('/en/curate', { headers: { cookie } });
    expect(await queue.text()).toContain('Fondo Valiente');
    expect((await post(`/en/curate/suggestions/${id}/approve`)).status).toBe(303);
    expect((await getMechanism(env.ctx, anonymous, 'fondo-valiente')).mechanism.name).toBe('Fondo Valiente');
    expect((await findSuggestion(env.ctx.db, id))!.status).toBe('approved');
  });

  it('explains beside the suggestion why it cannot be approved as it is', async () => {
    const id = await suggest('Fondo Sin Región');
    const res = await post(`/en/curate/suggestions/${id}/approve`);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('regions');
    expect(page).toContain(`regions: ${catalogs.en['validation.choice']}`); // in the reader's words
    expect(page).not.toContain('[object Object]');
    expect((await findSuggestion(env.ctx.db, id))!.status).toBe('pending');
    // The curator completes the record in the same form, and it is approved.
    expect(
      (
        await post(`/en/curate/suggestions/${id}/approve`, {
          regions: 'americas',
          kinds: 'emergency-grant',
          serves: 'hrd',
        })
      ).status,
    ).toBe(303);
    expect((await getMechanism(env.ctx, anonymous, 'fondo-sin-region')).mechanism.regions).toEqual(['americas']);
    expect(
      (await post(`/en/curate/suggestions/${await suggest('Fondo Raro')}/approve`, { regions: 'atlantis' })).status,
    ).toBe(422);
  });

  it('merges a duplicate into an existing record, and rejects with a reason', async () => {
    const dup = await suggest('Access Now again');
    expect((await post(`/en/curate/suggestions/${dup}/merge`, { mechanism: '' })).status).toBe(422);
    expect((await post(`/en/curate/suggestions/${dup}/merge`, { mechanism: 'access-now-helpline' })).status).toBe(303);
    const merged = (await findSuggestion(env.ctx.db, dup))!;
    expect(merged.status).toBe('merged');
    expect(merged.mechanismId).toBe('access-now-helpline');

    const spam = await suggest('Buy followers');
    const sealedBefore = (await findSuggestion(env.ctx.db, spam))!.sealedPayload;
    expect((await post(`/en/curate/suggestions/${spam}/reject`, { reason: '' })).status).toBe(422);
    expect((await post(`/en/curate/suggestions/${spam}/reject`, { reason: 'Not a support mechanism' })).status).toBe(
      303,
    );
    expect((await findSuggestion(env.ctx.db, spam))!.reason).toBe('Not a support mechanism');
    // Deciding erased the sender's contact: the stored payload was replaced, and opening it with the server's
    // sealer (which would reveal the address if it were still there, as it does for a pending suggestion)
    // finds no contact while the rest of the suggestion is kept.
    const sealedAfter = (await findSuggestion(env.ctx.db, spam))!.sealedPayload;
    expect(sealedAfter).not.toBe(sealedBefore);
    const opened = (sealed: string, rowId: string) =>
      env.ctx.sealer.open(sealAt.platform('suggestions', 'payload', rowId), sealed);
    expect(JSON.parse(await opened(sealedBefore, spam))).toMatchObject({ contact: 'sender@example.org' });
    expect(JSON.parse(await opened(sealedAfter, spam))).toMatchObject({ name: 'Buy followers', contact: '' });
    const pending = await suggest('Still waiting');
    expect(await opened((await findSuggestion(env.ctx.db, pending))!.sealedPayload, pending)).toContain(
      'sender@example.org',
    );
  });

  it('edits a record as YAML; a broken record comes back with its problems and the text kept', async () => {
    const page = await (
      await env.app.request('/en/curate/directory/access-now-helpline', { headers: { cookie } })
    ).text();
    const yaml = page
      .match(/<textarea[^>]*>([\s\S]*?)<\/textarea>/)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    const broken = yaml.replace(/^name: .*$/m, 'name: ""');
    const bad = await post('/en/curate/directory/access-now-helpline', { yaml: broken });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('name:');
    expect(badHtml).toContain('Digital Security Helpline'); // the rest of the text is still there
    const renamed = yaml.replace(/^name: .*$/m, 'name: Access Now Digital Security Helpline (24/7)');
    expect((await post('/en/curate/directory/access-now-helpline', { yaml: renamed })).status).toBe(303);
    expect((await getMechanism(env.ctx, anonymous, 'access-now-helpline')).mechanism.name).toBe(
      'Access Now Digital Security Helpline (24/7)',
    );
    const notYaml = await post('/en/curate/directory/access-now-helpline', { yaml: 'name: [unclosed' });
    expect(notYaml.status).toBe(422);
    expect(await notYaml.text()).toContain('YAML');
  });

  it("sends the YAML library's warnings to the log as codes, never the curator's text to stderr", async () => {
    const page = await (await env.app.request('/en/curate/directory/civicert', { headers: { cookie } })).text();
    const yaml = page
      .match(/<textarea[^>]*>([\s\S]*?)<\/textarea>/)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
    const warned: string[] = [];
    const onWarning = (warning: Error) => warned.push(warning.message);
    process.on('warning', onWarning);
    const mark = env.logs.length;
    try {
      // An unknown tag is a warning, not an error: the value is kept as plain text.
      const tagged = yaml.replace(/^name: .*$/m, 'name: !private CiviCERT Quietly Renamed');
      expect((await post('/en/curate/directory/civicert', { yaml: tagged })).status).toBe(303);
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect((await getMechanism(env.ctx, anonymous, 'civicert')).mechanism.name).toBe('CiviCERT Quietly Renamed');
    expect(warned).toEqual([]);
    const logged = env.logs.slice(mark);
    expect(logged.filter((line) => line.includes('TAG_RESOLVE_FAILED'))).toHaveLength(1);
    expect(logged.join('\n')).not.toContain('Quietly');
    expect(logged.join('\n')).not.toContain('!private');
  });
});
