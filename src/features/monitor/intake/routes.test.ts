// The public intake through HTTP, as a browser with JavaScript off would use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, cookieFrom, newOrg, signInAs } from '../../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { databaseText } from '../../../../tests/helpers/db-text.ts';

const ORG_NAME = 'Kollektiv Nordlicht Vertraulich';
const WHAT = 'Plainclothes men seized Rustam Kadyrbekov-Aliev near the bus depot at dawn';
const CONTACT = 'wire:@quiet-heron-7781';
const MORE = 'They drove a white Lada, plate fragment 77KX';

let env: TestEnv;
let orgA: string;
let orgB: string;
const cookies: Record<'admin' | 'member' | 'viewer' | 'outsider', string> = {
  admin: '',
  member: '',
  viewer: '',
  outsider: '',
};
let intakeId = '';

const get = (url: string, cookie?: string) => env.app.request(url, { headers: cookie ? { cookie } : {} });
const post = (url: string, fields: Record<string, string>, cookie?: string) =>
  postForm(env, url, fields, cookie ? { cookie } : {});
const reportCount = async () => (await env.ctx.db.selectFrom('monitor_reports').select('id').execute()).length;

beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgA = await newOrg(env, ORG_NAME);
  orgB = await newOrg(env, 'Other Collective');
  for (const role of ['admin', 'member', 'viewer'] as const)
    cookies[role] = await signInAs(env, await addMember(env, orgA, role));
  cookies.outsider = await signInAs(env, await addMember(env, orgB, 'owner'));
}, 60_000);
afterAll(() => env.close());

describe('public intake routes', () => {
  it('lets an organisation turn the form on and shows its address', async () => {
    const base = `/en/orgs/${orgA}/monitor/intake`;
    expect((await get(`${base}/settings`, cookies.member)).status).toBe(403);
    const saved = await post(
      `${base}/settings`,
      { enabled: 'on', intro: 'Write to the Nordlicht team.' },
      cookies.admin,
    );
    expect([saved.status, saved.headers.get('location')]).toEqual([303, `${base}/settings?done=saved`]);
    const page = await (await get(`${base}/settings?done=saved`, cookies.admin)).text();
    intakeId = /\/en\/report\/([a-z0-9]+)/.exec(page)![1]!;
    const queue = await (await get(base, cookies.member)).text();
    expect(queue).toContain(`/en/report/${intakeId}`);
  });

  it('takes a report without an account or script and shows the receipt code once', async () => {
    const form = await get(`/en/report/${intakeId}`);
    const html = await form.text();
    expect(form.status).toBe(200);
    expect(html).toContain('Write to the Nordlicht team.');
    expect(html).not.toContain(ORG_NAME);
    expect(html).toContain(`<form method="post" action="/en/report/${intakeId}"`); // a plain form, no script needed
    expect(html).toContain('<option value="BY">Belarus</option>');

    const missing = await post(`/en/report/${intakeId}`, { what: '', place: 'Osh', contact: CONTACT });
    expect(missing.status).toBe(422);
    const kept = await missing.text();
    expect(kept).toContain('value="Osh"');
    expect(kept).toContain(CONTACT);

    const sent = await post(`/en/report/${intakeId}`, {
      what: WHAT,
      when: '2026-03-14',
      country: 'KG',
      place: 'Osh',
      perpetrator: 'police',
      contact: CONTACT,
    });
    expect([sent.status, sent.headers.get('location')]).toEqual([303, `/en/report/${intakeId}/thanks`]);
    const flash = cookieFrom(sent, 'amparo_receipt');
    expect(flash).toBeDefined();
    const thanks = await get(`/en/report/${intakeId}/thanks`, flash);
    expect(thanks.headers.get('cache-control')).toBe('no-store');
    expect(thanks.headers.getSetCookie().join()).toMatch(/amparo_receipt=;.*Max-Age=0/);
    const code = /[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){3}/.exec(await thanks.text())?.[0];
    expect(code).toBeDefined();
    // A reload (the browser dropped the cookie) shows no code.
    const again = await (await get(`/en/report/${intakeId}/thanks`)).text();
    expect(again).not.toContain(code!);

    const stored = JSON.stringify(await databaseText(env));
    for (const secret of [WHAT, 'Kadyrbekov', CONTACT, code!, 'Nordlicht team']) expect(stored).not.toContain(secret);

    // The receipt adds to the report; a wrong one is refused with what was typed kept.
    const wrong = await post(`/en/report/${intakeId}/add`, { code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', text: MORE });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('does not match a report');
    expect(wrongHtml).toContain(MORE);
    expect(wrongHtml).toContain('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
    const added = await post(`/en/report/${intakeId}/add`, { code: code!.toLowerCase(), text: MORE });
    expect([added.status, added.headers.get('location')]).toEqual([303, `/en/report/${intakeId}/thanks?added`]);
    expect(JSON.stringify(await databaseText(env))).not.toContain('white Lada, plate fragment 77KX'); // 4 characters alone turn up in random ciphertext
  });

  it('shows the report to members who write, not to viewers nor to another organisation', async () => {
    const base = `/en/orgs/${orgA}/monitor/intake`;
    const queue = await get(base, cookies.member);
    const html = await queue.text();
    expect(queue.status).toBe(200);
    for (const text of [WHAT, CONTACT, MORE, 'Kyrgyzstan', 'Police']) expect(html).toContain(text);
    const reportId = /monitor\/intake\/([a-z0-9]+)\/dismiss/.exec(html)![1]!;
    expect(html).toContain(`/en/orgs/${orgA}/monitor/events/new?from=report:${reportId}`);

    expect((await get(base, cookies.viewer)).status).toBe(403);
    expect((await get(base, cookies.outsider)).status).toBe(404);
    expect(await (await get(`/en/orgs/${orgB}/monitor/intake`, cookies.outsider)).text()).not.toContain(WHAT);
    expect((await post(`${base}/${reportId}/dismiss`, {}, cookies.outsider)).status).toBe(404);

    // "Record as event": the form opens with the report's text, and saving takes it out of the queue.
    const draft = await (
      await get(`/en/orgs/${orgA}/monitor/events/new?from=report:${reportId}`, cookies.member)
    ).text();
    expect(draft).toContain(WHAT);
    expect(draft).toContain(CONTACT);
    expect(draft).toContain(`name="from" value="report:${reportId}"`);
    const recorded = await post(
      `/en/orgs/${orgA}/monitor/events`,
      {
        from: `report:${reportId}`,
        title: 'From a public report',
        description: WHAT,
        start: '2026-11',
        country: 'KG',
        'act.0.type': 'harassment',
        'act.0.mode': 'commission',
      },
      cookies.member,
    );
    expect(recorded.status).toBe(303);
    expect(await (await get(base, cookies.member)).text()).not.toContain(WHAT);
  });

  it('ignores a bot that fills the hidden field, and answers 404 once the form is off', async () => {
    const before = await reportCount();
    const bot = await post(`/en/report/${intakeId}`, { what: 'spam', homepage: 'http://spam.example' });
    expect(bot.status).toBe(303);
    expect(await reportCount()).toBe(before);

    await post(`/en/orgs/${orgA}/monitor/intake/settings`, { intro: 'Closed for now' }, cookies.admin);
    for (const path of ['', '/add', '/thanks']) expect((await get(`/en/report/${intakeId}${path}`)).status).toBe(404);
    expect((await post(`/en/report/${intakeId}`, { what: 'late' })).status).toBe(404);
    expect((await get('/en/report/nosuchform')).status).toBe(404);
    expect(await reportCount()).toBe(before);
  });
});
