// /{locale}/help: "Get help now". Every step is a GET URL holding the answers so far; the back
// button works, and nothing is stored. Pages are never cached (their URLs carry answers).
import { Hono, type Context } from 'hono';
import { anonymous } from '../../platform/access.ts';
import { LOCALES, sortCountries } from '../../platform/i18n/index.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { openHelplineList } from '../cases/service.ts';
import { directoryLanguages } from '../directory/service.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import type { NodeKey } from './graph.ts';
import { linkTarget, loadFlows, previousStep, startKey, triageStep } from './service.ts';
import { readState, stateQuery } from './input.ts';
import { ContextStep, OutcomeStep, QuestionStep, type StepContext } from './views/step.tsx';
import { pick } from '../../platform/i18n/localized.ts';

async function step(c: Context<AppEnv>, key: NodeKey) {
  const { ctx, locale, t } = c.var;
  const set = loadFlows(ctx);
  const state = readState(new URL(c.req.url).searchParams);
  const href: StepContext['href'] = (to, add) => {
    const [flow, node] = to.split('/');
    return `/${locale}/help/${flow}/${node}${stateQuery(state, add)}`;
  };
  const result = await triageStep(ctx, anonymous, key, state);
  c.header('cache-control', 'no-store');
  if (result.kind === 'redirect') return c.redirect(href(result.to), 302);
  const asksLanguage = result.node.type === 'context' && result.node.field === 'language';
  const before = previousStep(set, `${result.flow.id}/${result.id}`, state);
  const sc: StepContext = {
    locale,
    t,
    state,
    href,
    targetOf: (target) => linkTarget(set, result.flow.id, target, state),
    languages: asksLanguage ? [...new Set([...LOCALES, ...(await directoryLanguages(ctx, anonymous))])] : [],
    countries:
      result.node.type === 'context' && result.node.field === 'country'
        ? sortCountries(locale, Object.keys(set.countries))
        : [],
    back: before && `/${locale}/help/${before.key}${stateQuery(before.state)}`,
  };
  if (result.kind === 'outcome') {
    const helplines = { list: await openHelplineList(ctx, anonymous), csrf: csrfToken(c) };
    return c.render(
      <OutcomeStep flow={result.flow} node={result.node} referrals={result.referrals} helplines={helplines} c={sc} />,
      {
        title: pick(result.node.title, locale).text,
      },
    );
  }
  if (result.node.type === 'context') {
    return c.render(<ContextStep flow={result.flow} node={result.node} c={sc} />, {
      title: t(`triage.context.${result.node.field}`),
    });
  }
  return c.render(<QuestionStep flow={result.flow} node={result.node} c={sc} />, {
    title: pick(result.node.text, locale).text,
  });
}

export const triageRoutes = new Hono<AppEnv>()
  .get('/help', (c) => step(c, startKey(loadFlows(c.var.ctx))))
  .get('/help/:flow{[a-z0-9-]+}/:node{[a-z0-9-]+}', (c) => step(c, `${c.req.param('flow')}/${c.req.param('node')}`));
