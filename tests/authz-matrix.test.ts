// The authorisation matrix: every route of the app x every kind of person. The route list comes from
// the app itself, so a new route without an entry here fails the test. Another organisation's URLs
// answer 404, exactly like a missing object, and never show its data.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByLookup } from '../src/features/accounts/queries.ts';
import { generatePlan, listPlan } from '../src/features/assessments/plan/service.ts';
import { adoptScenario } from '../src/features/assessments/scenarios/service.ts';
import {
  closeAssessment,
  loadLibrary,
  saveDomain,
  startAssessment,
} from '../src/features/assessments/assessment/service.ts';
import { sampleEvent } from '../src/features/monitor/fixtures.ts';
import { uploadEvidence } from '../src/features/monitor/evidence/service.ts';
import { recordEvents } from '../src/features/monitor/service.ts';
import { createNetwork } from '../src/features/monitor/networks/service.ts';
import { openCase, saveHelplineSettings } from '../src/features/cases/service.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import { assetUrl } from '../src/ui/assets.ts';
import {
  addMember,
  addPlatformUser,
  newOrg,
  SESSION,
  sessionTokenFor,
  uniqueEmail,
  withOrgKey,
} from './helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { png } from './helpers/media-files.ts';

type Subject = 'anonymous' | 'viewer' | 'member' | 'admin' | 'owner' | 'outsider' | 'curator' | 'operator';
const SUBJECTS: Subject[] = ['anonymous', 'viewer', 'member', 'admin', 'owner', 'outsider', 'curator', 'operator'];
type Access = 'public' | 'self' | 'org:read' | 'org:write' | 'org:manage' | 'org:own' | 'curator';

interface Entry {
  access: Access;
  /** The status a permitted person gets for the request below. */
  ok: number;
  /** For a public route that answers signed-in people differently (the sign-in page sends them on). */
  signedIn?: number;
  body?: Record<string, string>;
}

const FAKE = 'z'.repeat(43);
const L = '/:locale{(?:en|es|fr|ar|ru)}';
const MATRIX: Record<string, Entry> = {
  'GET /assets/:file': { access: 'public', ok: 200 },
  'GET /favicon.ico': { access: 'public', ok: 204 },
  'GET /api/openapi.json': { access: 'public', ok: 200 },
  'GET /api/v1/support': { access: 'public', ok: 200 },
  'GET /api/v1/support.json': { access: 'public', ok: 200 },
  'GET /api/v1/support.csv': { access: 'public', ok: 200 },
  'GET /api/v1/support/:id': { access: 'public', ok: 200 },
  'GET /': { access: 'public', ok: 302 },
  [`GET ${L}`]: { access: 'public', ok: 200 },
  [`GET ${L}/support/suggest`]: { access: 'public', ok: 200 },
  [`POST ${L}/support/suggest`]: { access: 'public', ok: 422 },
  [`GET ${L}/support/suggest/thanks`]: { access: 'public', ok: 200 },
  [`GET ${L}/help`]: { access: 'public', ok: 200 },
  [`GET ${L}/help/:flow{[a-z0-9-]+}/:node{[a-z0-9-]+}`]: { access: 'public', ok: 200 },
  [`GET ${L}/offline`]: { access: 'public', ok: 200 },
  [`GET ${L}/support`]: { access: 'public', ok: 200 },
  [`GET ${L}/support/:id`]: { access: 'public', ok: 200 },
  [`GET ${L}/login`]: { access: 'public', ok: 200, signedIn: 303 },
  [`POST ${L}/login`]: { access: 'public', ok: 422 },
  [`GET ${L}/login/code`]: { access: 'public', ok: 200 },
  [`POST ${L}/login/code`]: { access: 'public', ok: 303 },
  [`POST ${L}/logout`]: { access: 'public', ok: 303 },
  [`GET ${L}/invitations/:token`]: { access: 'public', ok: 404 },
  [`POST ${L}/invitations/:token`]: { access: 'public', ok: 404 },
  [`POST ${L}/invitations/:token/accept`]: { access: 'self', ok: 404 },
  [`GET ${L}/password/forgot`]: { access: 'public', ok: 200 },
  [`POST ${L}/password/forgot`]: { access: 'public', ok: 200, body: { email: 'nobody@example.org' } },
  [`GET ${L}/password/reset/:token`]: { access: 'public', ok: 404 },
  [`POST ${L}/password/reset/:token`]: { access: 'public', ok: 404 },
  [`GET ${L}/signup`]: { access: 'public', ok: 404 }, // closed unless the operator opens it
  [`POST ${L}/signup`]: { access: 'public', ok: 404 },
  [`GET ${L}/signup/:token`]: { access: 'public', ok: 404 },
  [`POST ${L}/signup/:token`]: { access: 'public', ok: 404 },
  [`GET ${L}/account`]: { access: 'self', ok: 200 },
  [`POST ${L}/account/password`]: { access: 'self', ok: 422 },
  [`GET ${L}/account/two-factor`]: { access: 'self', ok: 200 },
  [`POST ${L}/account/two-factor`]: { access: 'self', ok: 422 },
  [`POST ${L}/account/two-factor/new-key`]: { access: 'self', ok: 303 },
  [`POST ${L}/account/two-factor/disable`]: { access: 'self', ok: 422 },
  [`POST ${L}/account/sessions/:id/end`]: { access: 'self', ok: 404 },
  [`POST ${L}/account/sessions/end-all`]: { access: 'self', ok: 303 },
  [`GET ${L}/account/safety`]: { access: 'self', ok: 200 },
  [`POST ${L}/account/safety/alert`]: { access: 'self', ok: 422 },
  [`POST ${L}/account/safety/alert/remove`]: { access: 'self', ok: 303 },
  [`POST ${L}/account/safety/duress`]: { access: 'self', ok: 422 },
  [`POST ${L}/account/safety/duress/remove`]: { access: 'self', ok: 422 },
  [`GET ${L}/dashboard`]: { access: 'self', ok: 200 },
  [`GET ${L}/orgs/:orgId`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/invitations`]: {
    access: 'org:manage',
    ok: 303,
    body: { email: 'new.person@example.org', role: 'member' },
  },
  [`POST ${L}/orgs/:orgId/invitations/:id/withdraw`]: { access: 'org:manage', ok: 404 }, // a made-up id: permitted, nothing to withdraw
  [`POST ${L}/orgs/:orgId/members/:userId/role`]: { access: 'org:manage', ok: 303, body: { role: 'member' } },
  [`POST ${L}/orgs/:orgId/members/:userId/enable`]: { access: 'org:manage', ok: 303 },
  [`POST ${L}/orgs/:orgId/members/:userId/restore`]: { access: 'org:manage', ok: 303 },
  [`POST ${L}/orgs/:orgId/recovery-key`]: { access: 'org:own', ok: 200 },
  [`GET ${L}/recover`]: { access: 'self', ok: 200 },
  [`POST ${L}/recover`]: { access: 'self', ok: 422, body: { recovery_key: 'not a key' } },
  [`POST ${L}/orgs/:orgId/members/:userId/disable`]: { access: 'org:manage', ok: 303 },
  [`POST ${L}/orgs/:orgId/settings`]: { access: 'org:own', ok: 303 },
  [`GET ${L}/orgs/:orgId/erase`]: { access: 'org:own', ok: 200 },
  [`POST ${L}/orgs/:orgId/erase`]: { access: 'org:own', ok: 422, body: { name: 'not its name' } }, // nothing erased
  [`GET ${L}/orgs/:orgId/assessments`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/assessments`]: { access: 'org:write', ok: 303 },
  [`GET ${L}/orgs/:orgId/assessments/compare`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/assessments/:id`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/assessments/:id/domains/:domain`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/assessments/:id/domains/:domain`]: { access: 'org:write', ok: 303 },
  [`GET ${L}/orgs/:orgId/assessments/:id/context`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/assessments/:id/context`]: { access: 'org:write', ok: 303 },
  [`POST ${L}/orgs/:orgId/assessments/:id/close`]: { access: 'org:own', ok: 303, body: { confirm: 'anyway' } }, // unscored areas confirmed
  [`POST ${L}/orgs/:orgId/assessments/:id/plan`]: { access: 'org:write', ok: 303 },
  [`GET ${L}/orgs/:orgId/assessments/:id/print`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/assessments/:id/export.json`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/assessments/:id/export.md`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/plan`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/plan/export.md`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/plan/export.json`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/plan/actions/:id`]: { access: 'org:write', ok: 303, body: { status: 'doing' } },
  [`GET ${L}/orgs/:orgId/scenarios`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/scenarios`]: { access: 'org:write', ok: 303, body: { card: 'bank-freeze' } },
  [`GET ${L}/orgs/:orgId/scenarios/:id`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/scenarios/:id`]: { access: 'org:write', ok: 303, body: { signs: 'A letter from the bank' } },
  [`GET ${L}/orgs/:orgId/remote-trigger`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/remote-trigger/settings`]: { access: 'org:own', ok: 303, body: { threshold: '2' } },
  // Nobody is trusted here, so every member is refused; trusted members: protection/remote/remote.test.ts.
  [`GET ${L}/orgs/:orgId/remote-trigger/report/:userId`]: { access: 'org:read', ok: 403 },
  [`POST ${L}/orgs/:orgId/remote-trigger/report/:userId`]: { access: 'org:read', ok: 403 },
  [`POST ${L}/orgs/:orgId/remote-trigger/withdraw/:userId`]: { access: 'org:manage', ok: 303 },
  // Monitor outputs (features/monitor/outputs/service.ts explains the choice): exports need org:write,
  // reports org:read (viewers may read them), public reports and feeds are public.
  [`GET ${L}/orgs/:orgId/monitor/export`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/export.csv`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/export.json`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/export.stix.json`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/report`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/report.md`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/monitor/report`]: { access: 'public', ok: 200 },
  [`GET ${L}/monitor/report.md`]: { access: 'public', ok: 200 },
  [`GET ${L}/monitor/feeds/country/:iso{[A-Za-z]{2}\\.atom}`]: { access: 'public', ok: 200 },
  [`GET ${L}/monitor/feeds/type/:type{[a-z0-9-]{1,64}\\.atom}`]: { access: 'public', ok: 200 },
  [`GET ${L}/account/check-in`]: { access: 'self', ok: 200 },
  [`POST ${L}/account/check-in`]: { access: 'self', ok: 422 },
  [`POST ${L}/account/check-in/now`]: { access: 'self', ok: 303 },
  [`GET ${L}/orgs/:orgId/monitor`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/events/new`]: { access: 'org:write', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/events`]: { access: 'org:write', ok: 422 },
  [`GET ${L}/orgs/:orgId/monitor/events/:id`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/events/:id/edit`]: { access: 'org:write', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/events/:id`]: { access: 'org:write', ok: 422 },
  [`POST ${L}/orgs/:orgId/monitor/events/:id/verify`]: {
    access: 'org:write',
    ok: 303,
    body: { state: 'corroborated' },
  },
  // Without the confirmation box: nothing is deleted, the event page says so.
  [`POST ${L}/orgs/:orgId/monitor/events/:id/delete`]: { access: 'org:manage', ok: 303 },
  [`POST ${L}/orgs/:orgId/monitor/events/:id/publish`]: { access: 'org:manage', ok: 303, body: { state: 'private' } },
  [`GET ${L}/orgs/:orgId/monitor/events/:id/versions`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/networks`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/networks`]: { access: 'org:manage', ok: 422 },
  [`POST ${L}/orgs/:orgId/monitor/networks/join`]: { access: 'org:manage', ok: 422, body: { code: 'WRONG' } },
  [`GET ${L}/orgs/:orgId/monitor/networks/:networkId`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/networks/:networkId/invite`]: { access: 'org:manage', ok: 200 },
  // A form without a file: the event page again, asking for one.
  [`POST ${L}/orgs/:orgId/monitor/events/:id/files`]: { access: 'org:write', ok: 422 },
  [`GET ${L}/orgs/:orgId/monitor/files/:fileId`]: { access: 'org:read', ok: 200 },
  [`GET ${L}/orgs/:orgId/monitor/files/:fileId/custody`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/files/:fileId/publish`]: { access: 'org:manage', ok: 303 },
  [`GET ${L}/monitor`]: { access: 'public', ok: 200 },
  [`GET ${L}/monitor/countries/:iso{[A-Z]{2}}`]: { access: 'public', ok: 200 },
  [`GET ${L}/monitor/events/:id`]: { access: 'public', ok: 404 },
  // Country pages: public; V-Dem data is not imported here, so they say the indicators are not loaded.
  [`GET ${L}/countries`]: { access: 'public', ok: 200 },
  [`GET ${L}/countries/compare`]: { access: 'public', ok: 200 },
  [`GET ${L}/countries/:iso{[A-Za-z]{2}}`]: { access: 'public', ok: 200 },
  // The legislation tracker: public, read from the shipped data files.
  [`GET ${L}/legislation`]: { access: 'public', ok: 200 },
  [`GET ${L}/legislation/:code{[A-Za-z]{2}\\.atom}`]: { access: 'public', ok: 200 },
  [`GET ${L}/legislation/:id{[a-z0-9]+(?:-[a-z0-9]+)*}`]: { access: 'public', ok: 200 },
  // Public intake: a made-up form id answers 404 to everyone, like a form that was switched off.
  [`GET ${L}/report/:intakeId`]: { access: 'public', ok: 404 },
  [`POST ${L}/report/:intakeId`]: { access: 'public', ok: 404 },
  [`GET ${L}/report/:intakeId/thanks`]: { access: 'public', ok: 404 },
  [`GET ${L}/report/:intakeId/add`]: { access: 'public', ok: 404 },
  [`POST ${L}/report/:intakeId/add`]: { access: 'public', ok: 404 },
  // The queue is for members who write: it holds what strangers sent, unchecked, with their contacts.
  [`GET ${L}/orgs/:orgId/monitor/intake`]: { access: 'org:write', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/intake/:reportId/dismiss`]: { access: 'org:write', ok: 404 }, // a made-up report
  [`GET ${L}/orgs/:orgId/monitor/intake/settings`]: { access: 'org:manage', ok: 200 },
  [`POST ${L}/orgs/:orgId/monitor/intake/settings`]: { access: 'org:manage', ok: 303 },
  [`POST ${L}/orgs/:orgId/monitor/intake/renew`]: { access: 'org:manage', ok: 303 },
  // Helpline cases: the requester's pages are public; past sign-in, a request without its session is sent back to it.
  [`GET ${L}/helplines/:helplineId`]: { access: 'public', ok: 200 },
  [`POST ${L}/helplines/:helplineId`]: { access: 'public', ok: 422 },
  [`POST ${L}/helplines/:helplineId/from-triage`]: { access: 'public', ok: 200 },
  [`GET ${L}/helplines/:helplineId/opened`]: { access: 'public', ok: 200 },
  [`GET ${L}/helplines/:helplineId/case`]: { access: 'public', ok: 200 },
  [`POST ${L}/helplines/:helplineId/case/sign-in`]: { access: 'public', ok: 422 },
  [`POST ${L}/helplines/:helplineId/case/reply`]: { access: 'public', ok: 303 },
  [`POST ${L}/helplines/:helplineId/case/referrals/:messageId`]: { access: 'public', ok: 303 },
  [`POST ${L}/helplines/:helplineId/case/delete`]: { access: 'public', ok: 303 },
  [`POST ${L}/helplines/:helplineId/case/sign-out`]: { access: 'public', ok: 303 },
  // Following the legislation tracker: members read and opt in, admins choose.
  [`GET ${L}/orgs/:orgId/legislation/follow`]: { access: 'org:read', ok: 200 },
  [`POST ${L}/orgs/:orgId/legislation/follow`]: { access: 'org:manage', ok: 422 },
  [`POST ${L}/orgs/:orgId/legislation/follow/me`]: { access: 'org:read', ok: 404 },
  [`GET ${L}/orgs/:orgId/helpline`]: { access: 'org:write', ok: 200 },
  [`POST ${L}/orgs/:orgId/helpline/shift`]: { access: 'org:write', ok: 303 },
  [`GET ${L}/orgs/:orgId/helpline/settings`]: { access: 'org:manage', ok: 200 },
  [`POST ${L}/orgs/:orgId/helpline/settings`]: { access: 'org:manage', ok: 422 },
  [`POST ${L}/orgs/:orgId/helpline/templates`]: { access: 'org:manage', ok: 422 },
  [`POST ${L}/orgs/:orgId/helpline/templates/:templateId/remove`]: { access: 'org:manage', ok: 303 },
  [`GET ${L}/orgs/:orgId/helpline/attainment`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/helpline/cases/:caseId`]: { access: 'org:write', ok: 200 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/reply`]: { access: 'org:write', ok: 422 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/note`]: { access: 'org:write', ok: 422 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/indicators`]: { access: 'org:write', ok: 422 }, // none pasted
  [`GET ${L}/orgs/:orgId/helpline/cases/:caseId/indicators.stix.json`]: { access: 'org:write', ok: 200 },
  [`GET ${L}/orgs/:orgId/helpline/cases/:caseId/indicators.misp.json`]: { access: 'org:write', ok: 200 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/state`]: { access: 'org:write', ok: 422 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/assign`]: { access: 'org:write', ok: 303 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/vetting`]: { access: 'org:write', ok: 303 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/refer`]: { access: 'org:write', ok: 422 },
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/accept`]: { access: 'org:write', ok: 404 }, // not a referred case
  [`POST ${L}/orgs/:orgId/helpline/cases/:caseId/decline`]: { access: 'org:write', ok: 404 },
  [`GET ${L}/curate`]: { access: 'curator', ok: 200 },
  [`POST ${L}/curate/suggestions/:id/approve`]: { access: 'curator', ok: 404 },
  [`POST ${L}/curate/suggestions/:id/merge`]: { access: 'curator', ok: 422 },
  [`POST ${L}/curate/suggestions/:id/reject`]: { access: 'curator', ok: 422 },
  [`GET ${L}/curate/directory`]: { access: 'curator', ok: 200 },
  [`GET ${L}/curate/directory/:id`]: { access: 'curator', ok: 200 },
  [`POST ${L}/curate/directory/:id`]: { access: 'curator', ok: 422 },
  [`GET ${L}/curate/legislation/:id{[a-z0-9]+(?:-[a-z0-9]+)*}`]: { access: 'curator', ok: 200 },
  // An empty entry does not fit the schema: the editor again, with the problems.
  [`POST ${L}/curate/legislation/:id{[a-z0-9]+(?:-[a-z0-9]+)*}`]: { access: 'curator', ok: 422 },
  [`GET ${L}/curate/freshness`]: { access: 'curator', ok: 200 },
  [`POST ${L}/curate/freshness/:id`]: { access: 'curator', ok: 303, body: { mark: 'checked' } },
};

const RANK: Record<string, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
const NEEDS: Record<string, number> = { 'org:read': 0, 'org:write': 1, 'org:manage': 2, 'org:own': 3 };

/** What a subject should get from a route: the permitted status, a sign-in redirect, 403 or 404. */
function expected(entry: Entry, who: Subject): number {
  if (entry.access === 'public') return who !== 'anonymous' && entry.signedIn ? entry.signedIn : entry.ok;
  if (who === 'anonymous') return 303;
  if (entry.access === 'self') return entry.ok;
  if (entry.access === 'curator') return who === 'curator' || who === 'operator' ? entry.ok : 403;
  if (!(who in RANK)) return 404; // outsider, curator, operator: not members of this organisation
  return RANK[who]! >= NEEDS[entry.access]! ? entry.ok : 403;
}

let env: TestEnv;
let orgA: string;
let orgB: string;
let targetId: string;
const ids = {
  open: '',
  closed: '',
  action: '',
  scenario: '',
  event: '',
  network: '',
  file: '',
  helpline: '',
  case: '',
};
const people = new Map<Subject, string>();

async function userId(email: string): Promise<string> {
  return (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(email)))!.id;
}

beforeAll(async () => {
  env = await testEnv();
  orgA = await newOrg(env, 'Colectivo Alfa Confidencial');
  orgB = await newOrg(env, 'Colectivo Beta');
  for (const role of ['viewer', 'member', 'admin', 'owner'] as const)
    people.set(role, await userId((await addMember(env, orgA, role)).email));
  people.set('outsider', await userId((await addMember(env, orgB, 'owner')).email));
  people.set('curator', await userId((await addPlatformUser(env, 'curator')).email));
  people.set('operator', await userId((await addPlatformUser(env, 'operator')).email));
  targetId = await userId((await addMember(env, orgA, 'member', uniqueEmail('target'))).email);
  // An open and a closed assessment, a plan action and an adopted card of organisation A.
  ids.open = (await withOrgKey(env, orgA, () => startAssessment(env.ctx, cliOperator, orgA, {}))).id;
  ids.closed = (await withOrgKey(env, orgA, () => startAssessment(env.ctx, cliOperator, orgA, {}))).id;
  const { instrument } = await loadLibrary(env.ctx);
  const funding = instrument.domains.find((d) => d.id === 'funding')!;
  await withOrgKey(env, orgA, () =>
    saveDomain(env.ctx, cliOperator, orgA, ids.closed, 'funding', {
      [`${funding.threats[0]!.id}.likelihood`]: '5',
      [`${funding.threats[0]!.id}.impact`]: '5',
    }),
  );
  await withOrgKey(env, orgA, () => closeAssessment(env.ctx, cliOperator, orgA, ids.closed));
  await withOrgKey(env, orgA, () => generatePlan(env.ctx, cliOperator, orgA, ids.closed));
  ids.action = (await withOrgKey(env, orgA, () => listPlan(env.ctx, cliOperator, orgA)))[0]!.id;
  ids.scenario = (await withOrgKey(env, orgA, () => adoptScenario(env.ctx, cliOperator, orgA, 'office-raid', 'en'))).id;
  const network = await withOrgKey(env, orgA, () => createNetwork(env.ctx, cliOperator, orgA, 'Matrix Network'));
  ids.network = network.ok ? network.value.id : '';
  ids.event = (await withOrgKey(env, orgA, () => recordEvents(env.ctx, cliOperator, orgA, [sampleEvent()])))[0]!.id;
  const upload = { body: Readable.from([png()]), name: 'a.png', declaredMime: 'image/png', sourceId: 's1' };
  ids.file = (await withOrgKey(env, orgA, () => uploadEvidence(env.ctx, cliOperator, orgA, ids.event, upload))).id;
  const helpline = await withOrgKey(env, orgA, () =>
    saveHelplineSettings(env.ctx, cliOperator, orgA, { enabled: 'on', languages: 'en', allHours: 'on' }, 'en'),
  );
  ids.helpline = helpline.ok ? helpline.value.id : '';
  await openCase(env.ctx, anonymous, ids.helpline, { what: 'Matrix case', language: 'en' }, 'en');
  ids.case = (await env.ctx.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
}, 60_000);
afterAll(() => env.close());

function concrete(path: string, orgId: string): string {
  return path
    .replace(L, '/en')
    .replace(':fileId', ids.file) // before ':file'
    .replace(':file', assetUrl['app.css']!.split('/').pop()!)
    .replace(':flow{[a-z0-9-]+}/:node{[a-z0-9-]+}', 'digital-attack/what-happened')
    .replace('/api/v1/support/:id', '/api/v1/support/access-now-helpline')
    .replace('/support/:id', '/support/access-now-helpline')
    .replace('/curate/directory/:id', '/curate/directory/access-now-helpline')
    .replace('/curate/freshness/:id', '/curate/freshness/access-now-helpline')
    .replace('/suggestions/:id', '/suggestions/zzzzzzzzzzzz')
    .replace('/assessments/compare', `/assessments/compare?a=${ids.closed}&b=${ids.open}`)
    .replace('/assessments/:id/plan', `/assessments/${ids.closed}/plan`)
    .replace('/assessments/:id', `/assessments/${ids.open}`)
    .replace(':domain', 'funding')
    .replace('/plan/actions/:id', `/plan/actions/${ids.action}`)
    .replace('/scenarios/:id', `/scenarios/${ids.scenario}`)
    .replace('/monitor/events/:id', `/monitor/events/${ids.event}`)
    .replace(':iso{[A-Z]{2}}', 'BY')
    .replace(':iso{[A-Za-z]{2}}', 'BY')
    .replace('/countries/compare', '/countries/compare?c=BY&c=GE')
    .replace(':networkId', ids.network)
    .replace('/sessions/:id', '/sessions/zzzzzzzzzzzz')
    .replace(/\/report(\.md)?$/, '/report$1?country=BY&from=2026-01&to=2026-12')
    .replace(':iso{[A-Za-z]{2}\\.atom}', 'BY.atom')
    .replace(':code{[A-Za-z]{2}\\.atom}', 'GE.atom')
    .replace(':id{[a-z0-9]+(?:-[a-z0-9]+)*}', 'ge-foreign-influence-law-2024')
    .replace(':type{[a-z0-9-]{1,64}\\.atom}', 'online-attack.atom')
    .replace('/invitations/:id/withdraw', '/invitations/zzzzzzzzzzzz/withdraw')
    .replace(':token', FAKE)
    .replace(':intakeId', 'z'.repeat(20))
    .replace(':helplineId', ids.helpline)
    .replace(':caseId', ids.case)
    .replace(':messageId', 'z'.repeat(20))
    .replace(':templateId', 'zzzzzzzz')
    .replace(':reportId', 'z'.repeat(20))
    .replace(':orgId', orgId)
    .replace(/(?<=remote-trigger\/\w+\/):userId/, people.get('member')!) // an enabled member (targetId ends disabled)
    .replace(':userId', targetId);
}

async function request(
  method: string,
  url: string,
  who: Subject,
  body: Record<string, string> = {},
): Promise<Response> {
  const id = people.get(who);
  const cookie = id ? `${SESSION}=${await sessionTokenFor(env, id)}` : undefined;
  const headers: Record<string, string> = cookie ? { cookie } : {};
  return method === 'GET' ? env.app.request(url, { headers }) : postForm(env, url, body, headers);
}

describe('authorisation matrix', () => {
  it('has an entry for every route, and no entry for a route that is gone', () => {
    const routes = new Set(env.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect(
      [...routes].filter((r) => !(r in MATRIX)),
      'routes without a matrix entry',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !routes.has(k)),
      'matrix entries without a route',
    ).toEqual([]);
  });

  for (const [route, entry] of Object.entries(MATRIX)) {
    const [method, path] = route.split(' ') as [string, string];
    it(`${route}`, async () => {
      for (const who of SUBJECTS) {
        const res = await request(method, concrete(path, orgA), who, entry.body);
        const want = expected(entry, who);
        expect(res.status, `${who} on ${route}`).toBe(want);
        const text = await res.text();
        if (who === 'anonymous' && entry.access !== 'public')
          expect(res.headers.get('location'), `${who} on ${route}`).toMatch(/^\/en\/login\?next=/);
        if (want === 404 || want === 403 || want === 303) expect(text).not.toContain('Colectivo Alfa Confidencial');
        expect(text).not.toMatch(/at .*\.tsx?:\d+/); // never a stack trace
      }
      if (path.includes(':orgId')) {
        // The owner of one organisation asking for the other: the same 404 as a missing one.
        const other = await request(method, concrete(path, orgB), 'owner', entry.body);
        const missing = await request(method, concrete(path, 'nosuchorganisation'), 'owner', entry.body);
        expect(other.status).toBe(404);
        expect(missing.status).toBe(404);
        expect(await other.text()).not.toContain('Colectivo Beta');
      }
      if (path.includes(':orgId') && /:(id|userId|fileId)\b/.test(path)) {
        // A member of B asking for A's objects under B's own URL: scoped queries find nothing.
        const guessed = await request(method, concrete(path, orgB), 'outsider', entry.body);
        expect(guessed.status, `outsider with A's ids under B on ${route}`).toBe(404);
      }
    });
  }
});
