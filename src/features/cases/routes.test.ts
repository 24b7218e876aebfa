// The helpline through HTTP, as a browser with JavaScript off would use it: a requester opens a case,
// a handler answers, the requester reads the answer with code and passphrase, and a referral passes the
// case to a second helpline with consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, cookieFrom, newOrg, signInAs } from '../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { databaseText } from '../../../tests/helpers/db-text.ts';

const WHAT = 'Los agentes detuvieron a Rosaura Quintanilla-Ibarra frente a la radio comunitaria';
const CONTACT = 'signal: canary-contact-5521';

let env: TestEnv;
let orgA: string, orgB: string;
const cookies: Record<'adminA' | 'memberA' | 'viewerA' | 'adminB', string> = {
  adminA: '',
  memberA: '',
  viewerA: '',
  adminB: '',
};
const helplines: Record<'A' | 'B', string> = { A: '', B: '' };

const get = (url: string, cookie?: string) => env.app.request(url, { headers: cookie ? { cookie } : {} });
const post = (url: string, fields: Record<string, string | string[]>, cookie?: string) =>
  postForm(env, url, fields, cookie ? { cookie } : {});
const caseCookie = (res: Response, name: string) => cookieFrom(res, name) ?? '';

async function turnOn(org: string, cookie: string, languages: string) {
  const base = `/es/orgs/${org}/helpline`;
  const saved = await post(
    `${base}/settings`,
    { enabled: 'on', languages, allHours: 'on', targetMinutes: '120', retentionDays: '90' },
    cookie,
  );
  expect([saved.status, saved.headers.get('location')]).toEqual([303, `${base}/settings?done=saved`]);
  const queue = await (await get(base, cookie)).text();
  return /\/es\/helplines\/([A-Za-z0-9_-]+)/.exec(queue)![1]!;
}

beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgA = await newOrg(env, 'Línea de Ayuda Digital');
  orgB = await newOrg(env, 'Second Helpline');
  cookies.adminA = await signInAs(env, await addMember(env, orgA, 'admin'));
  cookies.memberA = await signInAs(env, await addMember(env, orgA, 'member'));
  cookies.viewerA = await signInAs(env, await addMember(env, orgA, 'viewer'));
  cookies.adminB = await signInAs(env, await addMember(env, orgB, 'admin'));
}, 60_000);
afterAll(() => env.close());

describe('helpline routes', () => {
  it('lets admins set up a helpline; members see the queue, viewers and others do not', async () => {
    expect((await get(`/es/orgs/${orgA}/helpline/settings`, cookies.memberA)).status).toBe(403);
    const bad = await post(
      `/es/orgs/${orgA}/helpline/settings`,
      { enabled: 'on', languages: 'spanish!' },
      cookies.adminA,
    );
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('spanish!'); // what was typed stays
    helplines.A = await turnOn(orgA, cookies.adminA, 'es en');
    helplines.B = await turnOn(orgB, cookies.adminB, 'es');
    expect((await get(`/es/orgs/${orgA}/helpline`, cookies.memberA)).status).toBe(200);
    expect((await get(`/es/orgs/${orgA}/helpline`, cookies.viewerA)).status).toBe(403);
    expect((await get(`/es/orgs/${orgA}/helpline`, cookies.adminB)).status).toBe(404);
  });

  it('opens a case without an account, answers, and passes it on with consent', async () => {
    const form = await get(`/es/helplines/${helplines.A}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(`<form method="post" action="/es/helplines/${helplines.A}"`);
    const empty = await post(`/es/helplines/${helplines.A}`, { what: '', language: 'es', contact: CONTACT });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('canary-contact-5521');

    const sent = await post(`/es/helplines/${helplines.A}`, { what: WHAT, language: 'es', contact: CONTACT });
    expect([sent.status, sent.headers.get('location')]).toEqual([303, `/es/helplines/${helplines.A}/opened`]);
    const shown = await (
      await get(`/es/helplines/${helplines.A}/opened`, caseCookie(sent, 'amparo_case_opened'))
    ).text();
    const code = /data-case-code[^>]*>([^<]+)</.exec(shown)![1]!;
    const passphrase = /data-case-passphrase[^>]*>([^<]+)</.exec(shown)![1]!;
    expect(await (await get(`/es/helplines/${helplines.A}/opened`)).text()).not.toContain(code); // once

    const queue = await (await get(`/es/orgs/${orgA}/helpline?lang=es`, cookies.memberA)).text();
    const caseId = new RegExp(`/es/orgs/${orgA}/helpline/cases/([A-Za-z0-9_-]+)`).exec(queue)![1]!;
    const replied = await post(
      `/es/orgs/${orgA}/helpline/cases/${caseId}/reply`,
      { text: 'Estamos con usted. Llamamos a un abogado.' },
      cookies.memberA,
    );
    expect(replied.status).toBe(303);
    await post(
      `/es/orgs/${orgA}/helpline/cases/${caseId}/note`,
      { text: 'Nota interna: verificar con la red' },
      cookies.memberA,
    );
    expect((await get(`/es/orgs/${orgB}/helpline/cases/${caseId}`, cookies.adminB)).status).toBe(404);

    const wrong = await post(`/es/helplines/${helplines.A}/case/sign-in`, {
      code,
      passphrase: 'AAAAA-AAAAA-AAAAA-AAAAA',
    });
    expect(wrong.status).toBe(422);
    const signed = await post(`/es/helplines/${helplines.A}/case/sign-in`, { code: code.toLowerCase(), passphrase });
    expect(signed.status).toBe(303);
    const session = caseCookie(signed, 'amparo_case');
    const status = await (await get(`/es/helplines/${helplines.A}/case`, session)).text();
    expect(status).toContain('Llamamos a un abogado');
    expect(status).not.toContain('Nota interna');

    const refer = await post(
      `/es/orgs/${orgA}/helpline/cases/${caseId}/refer`,
      { to: helplines.B, fields: ['what', 'language'] },
      cookies.memberA,
    );
    expect(refer.status).toBe(303);
    const asked = await (await get(`/es/helplines/${helplines.A}/case`, session)).text();
    const messageId = new RegExp(`/case/referrals/([A-Za-z0-9_-]+)`).exec(asked)![1]!;
    expect(
      (await post(`/es/helplines/${helplines.A}/case/referrals/${messageId}`, { answer: 'yes' }, session)).status,
    ).toBe(303);

    const queueB = await (await get(`/es/orgs/${orgB}/helpline`, cookies.adminB)).text();
    const caseB = new RegExp(`/es/orgs/${orgB}/helpline/cases/([A-Za-z0-9_-]+)`).exec(queueB)![1]!;
    const pageB = await (await get(`/es/orgs/${orgB}/helpline/cases/${caseB}`, cookies.adminB)).text();
    expect(pageB).toContain('Rosaura Quintanilla-Ibarra');
    expect(pageB).not.toContain('canary-contact-5521'); // the contact was not among the fields agreed to
    expect((await post(`/es/orgs/${orgB}/helpline/cases/${caseB}/accept`, {}, cookies.adminB)).status).toBe(303);
    const seenA = await (await get(`/es/orgs/${orgA}/helpline/cases/${caseId}`, cookies.memberA)).text();
    expect(seenA).toContain('Second Helpline');
    const finalStatus = await (await get(`/es/helplines/${helplines.A}/case`, session)).text();
    expect(finalStatus).toContain('Second Helpline');

    const text = Object.values(await databaseText(env)).join('\n');
    expect(text).not.toContain('Quintanilla');
    expect(text).not.toContain('canary-contact-5521');
  });
});

describe('asking a helpline from "Get help now"', () => {
  it('offers the helplines on an outcome, and sends the answers only while their box stays ticked', async () => {
    const outcome = await (await get('/es/help/digital-attack/account-taken-over?country=SV')).text();
    const action = `/es/helplines/${helplines.A}/from-triage`;
    expect(outcome).toContain(`action="${action}"`);
    expect(outcome).toContain(`action="/es/helplines/${helplines.B}/from-triage"`);
    const summary = /name="triage" value="([^"]*)"/.exec(outcome)![1]!;
    expect(summary).toContain('SV');
    const form = await (await post(action, { triage: summary })).text();
    expect(form).toMatch(/name="sendTriage" value="on" checked/);
    // Untick the box: the answers stay on the person's side.
    const kept = await post(`/es/helplines/${helplines.A}`, {
      what: 'Tomaron mi cuenta',
      language: 'es',
      triage: 'answers-canary-6610',
    });
    expect(kept.status).toBe(303);
    const sent = await post(`/es/helplines/${helplines.A}`, {
      what: 'Tomaron mi cuenta otra vez',
      language: 'es',
      triage: 'answers-canary-6611',
      sendTriage: 'on',
    });
    expect(sent.status).toBe(303);
    const queue = await (await get(`/es/orgs/${orgA}/helpline`, cookies.memberA)).text();
    const pages = await Promise.all(
      [...queue.matchAll(new RegExp(`/es/orgs/${orgA}/helpline/cases/([A-Za-z0-9_-]+)`, 'g'))].map(async ([, id]) =>
        (await get(`/es/orgs/${orgA}/helpline/cases/${id}`, cookies.memberA)).text(),
      ),
    );
    expect(pages.join()).toContain('answers-canary-6611');
    expect(pages.join()).not.toContain('answers-canary-6610');
  });
});
