// The helpline through HTTP, as a browser with JavaScript off would use it: a requester opens a case,
// a handler answers, the requester reads the answer with code and passphrase, and a referral passes the
// case to a second helpline with consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, cookieFrom, newOrg, orgAudit, signInAs } from '../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { databaseFiles, filesHolding } from '../../../tests/helpers/db-files.ts';
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

const caseIds = async (org: string, cookie: string) =>
  new Set(
    [
      ...(await (await get(`/es/orgs/${org}/helpline`, cookie)).text()).matchAll(
        /\/helpline\/cases\/([A-Za-z0-9_-]+)/g,
      ),
    ].map((m) => m[1]!),
  );

/** Opens a case at helpline A as a requester would; its code and passphrase, and its id as the desk sees it. */
async function openCase(what: string, contact: string) {
  const before = await caseIds(orgA, cookies.memberA);
  const sent = await post(`/es/helplines/${helplines.A}`, { what, language: 'es', contact });
  expect([sent.status, sent.headers.get('location')]).toEqual([303, `/es/helplines/${helplines.A}/opened`]);
  const shown = await (await get(`/es/helplines/${helplines.A}/opened`, caseCookie(sent, 'amparo_case_opened'))).text();
  const code = /data-case-code[^>]*>([^<]+)</.exec(shown)![1]!;
  const passphrase = /data-case-passphrase[^>]*>([^<]+)</.exec(shown)![1]!;
  const caseId = [...(await caseIds(orgA, cookies.memberA))].find((id) => !before.has(id))!;
  return { code, passphrase, caseId };
}

async function requesterSession(code: string, passphrase: string) {
  const signed = await post(`/es/helplines/${helplines.A}/case/sign-in`, { code, passphrase });
  expect(signed.status).toBe(303);
  return caseCookie(signed, 'amparo_case');
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

    const { code, passphrase, caseId } = await openCase(WHAT, CONTACT);
    expect(await (await get(`/es/helplines/${helplines.A}/opened`)).text()).not.toContain(code); // once
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
    const foreign = { text: 'nota-canary-3390' };
    expect((await post(`/es/orgs/${orgB}/helpline/cases/${caseId}/note`, foreign, cookies.adminB)).status).toBe(404);
    const rows = await env.ctx.db.selectFrom('case_messages').select('id').where('case_id', '=', caseId).execute();
    expect(rows).toHaveLength(3); // the request, the reply and A's own note: nothing from B

    const wrong = await post(`/es/helplines/${helplines.A}/case/sign-in`, {
      code,
      passphrase: 'AAAAA-AAAAA-AAAAA-AAAAA',
    });
    expect(wrong.status).toBe(422);
    const session = await requesterSession(code.toLowerCase(), passphrase);
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
    // Nor the raw database files (SQLite's file and WAL; PostgreSQL's table, index and TOAST files).
    const files = await databaseFiles(env);
    if (files)
      expect(
        Object.values(filesHolding(files, ['Quintanilla', 'canary-contact-5521', 'Llamamos a un abogado'])).flat(),
      ).toEqual([]);
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

describe('threat sharing from a case', () => {
  const SAID = 'Recibí un correo de Ximena Altamirano-Prats pidiendo mi contraseña\nEl enlace parecía del banco';
  const REACH = 'signal: canary-contact-7702';
  const PASTED =
    'evil[.]example  clon de la página de acceso\nno es un indicador\nhxxps://phish[.]example/login\n\n12345';
  let c: Awaited<ReturnType<typeof openCase>>;
  let here = '';

  it('records the indicators for the helpline only, or gives back the lines that are not', async () => {
    c = await openCase(SAID, REACH);
    here = `/es/orgs/${orgA}/helpline/cases/${c.caseId}`;
    const rejected = await post(`${here}/indicators`, { indicators: PASTED }, cookies.memberA);
    expect(rejected.status).toBe(422);
    const page = await rejected.text();
    expect(page).toContain('2: no es un indicador');
    expect(page).toContain('5: 12345');
    expect(page).toContain('hxxps://phish[.]example/login'); // the pasted text stays in the form
    const kept = PASTED.split('\n').filter((l) => /\[\.\]/.test(l));
    const recorded = await post(`${here}/indicators`, { indicators: kept.join('\n') }, cookies.memberA);
    expect([recorded.status, recorded.headers.get('location')]).toEqual([303, `${here}?done=indicators`]);
    await post(`${here}/indicators`, { indicators: '198.51.100.7\nEVIL.example' }, cookies.memberA);
    const shown = await (await get(here, cookies.memberA)).text();
    for (const v of ['evil.example', 'https://phish.example/login', '198.51.100.7']) expect(shown).toContain(v);
    const requester = await (
      await get(`/es/helplines/${helplines.A}/case`, await requesterSession(c.code, c.passphrase))
    ).text();
    expect(requester).toContain('Ximena');
    expect(requester).not.toContain('evil.example');
    expect(requester).not.toContain('phish.example');
  });

  it('exports them as STIX 2.1 and MISP with the TLP chosen, and nothing of the requester', async () => {
    const stix = await get(`${here}/indicators.stix.json?tlp=red&producer=organisation`, cookies.memberA);
    expect(stix.status).toBe(200);
    expect(stix.headers.get('content-disposition')).toBe('attachment; filename="case-indicators.stix.json"');
    const bundleText = await stix.text();
    const bundle = JSON.parse(bundleText) as { objects: Record<string, any>[] };
    const patterns = bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern);
    expect(patterns.sort()).toEqual([
      "[domain-name:value = 'evil.example']",
      "[ipv4-addr:value = '198.51.100.7']",
      "[url:value = 'https://phish.example/login']",
    ]);
    expect(bundle.objects.find((o) => o.type === 'marking-definition')!.name).toBe('TLP:RED');
    expect(bundle.objects.find((o) => o.type === 'identity')!.name).toBe('Línea de Ayuda Digital');
    const plain = await (await get(`${here}/indicators.stix.json`, cookies.memberA)).text();
    expect(plain).toContain('"name": "TLP:AMBER"');
    expect(plain).not.toContain('Línea de Ayuda Digital'); // anonymous unless chosen
    const again = JSON.parse(await (await get(`${here}/indicators.stix.json`, cookies.memberA)).text());
    expect(again).toEqual(JSON.parse(plain)); // the same ids each time: consumers update, not duplicate

    const misp = await get(`${here}/indicators.misp.json?tlp=green`, cookies.memberA);
    expect(misp.headers.get('content-disposition')).toBe('attachment; filename="case-indicators.misp.json"');
    const mispText = await misp.text();
    const event = JSON.parse(mispText).Event;
    expect(event.Tag).toEqual([{ name: 'tlp:green', exportable: true }]);
    expect(event.Attribute.map((a: any) => `${a.type} ${a.value}`).sort()).toEqual([
      'domain evil.example',
      'ip-dst 198.51.100.7',
      'url https://phish.example/login',
    ]);
    for (const text of [bundleText, plain, mispText]) {
      for (const secret of [c.caseId, 'canary-contact-7702', 'Ximena', 'contraseña'])
        expect(text).not.toContain(secret);
    }
    expect((await get(`${here}/indicators.stix.json`, cookies.viewerA)).status).toBe(403);
    expect((await get(`/es/orgs/${orgB}/helpline/cases/${c.caseId}/indicators.misp.json`, cookies.adminB)).status).toBe(
      404,
    );
    expect((await get(`${here}/indicators.stix.json?tlp=purple`, cookies.memberA)).status).toBe(400);
    const exports = (await orgAudit(env, orgA)).filter((e) => e.action === 'cases.export');
    expect(exports.map((e) => [e.objectType, e.objectId])).toEqual(Array(4).fill(['case', c.caseId]));
    expect(exports[0]!.actor).toMatch(/^user:/);
  });

  it('opens a monitor event form from the case: the requester’s words, no contact, an online attack', async () => {
    const form = await get(`/es/orgs/${orgA}/monitor/events/new?from=case:${c.caseId}`, cookies.memberA);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`name="from" value="case:${c.caseId}"`);
    expect(html).toContain('value="Recibí un correo de Ximena Altamirano-Prats pidiendo mi contraseña" id="title"');
    expect(html).toContain('value="evil.example, https://phish.example/login, 198.51.100.7" id="act.0.note"');
    expect(html).toContain('El enlace parecía del banco');
    expect(html).toMatch(/<option value="online-attack" selected/);
    expect(html).toMatch(/<option value="witness" selected/);
    expect(html).not.toContain('canary-contact-7702');
    expect(await (await get(`${here}`, cookies.memberA)).text()).toContain(
      `href="/es/orgs/${orgA}/monitor/events/new?from=case:${c.caseId}"`,
    );
    expect((await get(`/es/orgs/${orgB}/monitor/events/new?from=case:${c.caseId}`, cookies.adminB)).status).toBe(404);
  });
});
