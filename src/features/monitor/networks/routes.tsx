// /{locale}/orgs/:orgId/monitor/networks: the organisation's networks, creating and joining one, and a
// network's combined picture. Codes to join are shown once, in the answer to the POST that made them.
import { Hono, type Context } from 'hono';
import { allows } from '../../../platform/access.ts';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { monitorVocabulary } from '../service.ts';
import { createNetwork, inviteToNetwork, joinNetwork, networkEvents, orgNetworks } from './service.ts';
import { NetworkPage, NetworksPage } from './views.tsx';

type Ctx = Context<AppEnv>;
const orgBase = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}`;
const base = (c: Ctx) => ({
  locale: c.var.locale,
  t: c.var.t,
  base: orgBase(c),
  vocabulary: monitorVocabulary(c.var.ctx),
});
const canManage = (c: Ctx) => allows(c.var.actor, 'org:manage', { orgId: c.req.param('orgId')! });

async function listPage(c: Ctx, values: FormValues, problems: Problems) {
  const networks = await orgNetworks(c.var.ctx, c.var.actor, c.req.param('orgId')!);
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <NetworksPage
      {...base(c)}
      networks={networks}
      canManage={canManage(c)}
      csrf={csrfToken(c)}
      values={values}
      problems={problems}
    />,
    { title: c.var.t('monitor.network.title') },
  );
}

async function networkPage(c: Ctx, code: string | null) {
  const { network, events } = await networkEvents(
    c.var.ctx,
    c.var.actor,
    c.req.param('orgId')!,
    c.req.param('networkId')!,
  );
  return c.render(
    <NetworkPage
      {...base(c)}
      network={network}
      events={events}
      canManage={canManage(c)}
      csrf={csrfToken(c)}
      code={code}
    />,
    { title: network.name },
  );
}

const field = (v: FormValues, name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');

export const networkRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/monitor/networks', (c) => listPage(c, {}, {}))
  .post('/orgs/:orgId/monitor/networks', async (c) => {
    const values = await readForm(c);
    const made = await createNetwork(c.var.ctx, c.var.actor, c.req.param('orgId'), field(values, 'name'));
    if (!made.ok) return listPage(c, values, made.problems);
    return c.redirect(`${orgBase(c)}/monitor/networks/${made.value.id}`, 303);
  })
  .post('/orgs/:orgId/monitor/networks/join', async (c) => {
    const values = await readForm(c);
    const joined = await joinNetwork(c.var.ctx, c.var.actor, c.req.param('orgId'), field(values, 'code'));
    if (!joined.ok) return listPage(c, values, joined.problems);
    return c.redirect(`${orgBase(c)}/monitor/networks/${joined.value.id}`, 303);
  })
  .get('/orgs/:orgId/monitor/networks/:networkId', (c) => networkPage(c, null))
  .post('/orgs/:orgId/monitor/networks/:networkId/invite', async (c) => {
    const code = await inviteToNetwork(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('networkId'));
    c.header('cache-control', 'no-store');
    return networkPage(c, code);
  });
