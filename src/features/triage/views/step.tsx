import { PostForm } from '../../../ui/components/form.tsx';
import type { Child } from 'hono/jsx';
import { countryName, direction, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import type { NodeKey } from '../graph.ts';
import type { Ranked } from '../ranking.ts';
import type { Flow, FlowNode, Localized, OutcomeNode } from '../schema.ts';
import { AUDIENCES, NOT_SAID, URGENCIES, type TriageState } from '../input.ts';

/** The operator named by the Open Government Partnership's own records (data/support/ogp-*.yaml). */
const OGP = 'Open Government Partnership';
import { T } from '../../../ui/components/localized.tsx';
import { pick } from '../../../platform/i18n/localized.ts';
import { ReferralCard } from './referral-card.tsx';

export interface StepContext {
  locale: Locale;
  t: Translate;
  state: TriageState;
  /** URL of a node with the current state (and an optional new answer). */
  href: (key: NodeKey, add?: { field: 'audience' | 'language' | 'country' | 'urgency'; value: string }) => string;
  /** Where each of this node's answers leads (context already answered is skipped). */
  targetOf: (target: string) => NodeKey;
  /** Languages a person can ask for help in (the directory's and the interface's). */
  languages: string[];
  /** The countries to offer, already in the reader's alphabetical order. */
  countries: string[];
  /** The previous step's URL (with the answers given there taken back); none at the start. */
  back?: string;
}

function Frame({ flow, title, children, c }: { flow: Flow; title: Child; children: Child; c: StepContext }) {
  const fallback = !flow.locales.includes(c.locale);
  return (
    <article class="triage">
      <p class="triage-flow">{<T text={flow.title} locale={c.locale} />}</p>
      {fallback && <p class="notice">{c.t('triage.fallback')}</p>}
      {c.back && (
        <p class="triage-back">
          <a href={c.back} rel="prev">
            {c.t('triage.back')}
          </a>
        </p>
      )}
      <h1>{title}</h1>
      {children}
      <p class="hint">{c.t('triage.private')}</p>
      <p>
        <a href={`/${c.locale}/help`}>{c.t('triage.restart')}</a>
      </p>
    </article>
  );
}

export function QuestionStep({
  flow,
  node,
  c,
}: {
  flow: Flow;
  node: Extract<FlowNode, { type: 'question' }>;
  c: StepContext;
}) {
  return (
    <Frame flow={flow} title={<T text={node.text} locale={c.locale} />} c={c}>
      {node.help && (
        <p class="lead">
          <T text={node.help} locale={c.locale} />
        </p>
      )}
      <ul class="choices">
        {node.options.map((o) => (
          <li>
            <a class="choice" href={c.href(c.targetOf(o.next))}>
              <T text={o.label} locale={c.locale} />
            </a>
          </li>
        ))}
      </ul>
    </Frame>
  );
}

export function ContextStep({
  flow,
  node,
  c,
}: {
  flow: Flow;
  node: Extract<FlowNode, { type: 'context' }>;
  c: StepContext;
}) {
  const next = c.targetOf(node.next);
  const choice = (value: string, label: string, lang?: string) => (
    <li>
      <a
        class="choice"
        href={c.href(next, { field: node.field, value })}
        {...(lang ? { lang, dir: direction(lang as Locale) } : {})}
      >
        {label}
      </a>
    </li>
  );
  const skip = choice(NOT_SAID, c.t('triage.notSaid'));
  const title = c.t(`triage.context.${node.field}`);
  if (node.field === 'country') {
    const [path, query] = c.href(next).split('?');
    return (
      <Frame flow={flow} title={title} c={c}>
        <p class="lead">{c.t('triage.context.country.help')}</p>
        <form method="get" action={path}>
          {[...new URLSearchParams(query ?? '')].map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <div class="field">
            <label for="country">{c.t('triage.country.choose')}</label>
            <select id="country" name="country">
              <option value={NOT_SAID}>{c.t('triage.notSaid')}</option>
              {c.countries.map((code) => (
                <option value={code}>{countryName(c.locale, code)}</option>
              ))}
            </select>
          </div>
          <p>
            <button class="button" type="submit">
              {c.t('triage.country.submit')}
            </button>
          </p>
        </form>
      </Frame>
    );
  }
  return (
    <Frame flow={flow} title={title} c={c}>
      {node.field === 'audience' && <p class="lead">{c.t('triage.context.audience.help')}</p>}
      <ul class="choices">
        {node.field === 'audience' && AUDIENCES.map((a) => choice(a, c.t(`triage.audience.${a}`)))}
        {node.field === 'urgency' && URGENCIES.map((u) => choice(u, c.t(`triage.urgency.${u}`)))}
        {node.field === 'language' && (
          <>
            {c.languages.map((l) => choice(l, languageName(l as Locale, l) || languageName(c.locale, l), l))}
            {choice(NOT_SAID, c.t('triage.language.any'))}
          </>
        )}
        {node.field !== 'language' && skip}
      </ul>
    </Frame>
  );
}

function Steps({ items, locale, ordered }: { items: Localized[]; locale: Locale; ordered?: boolean }) {
  const children = items.map((s) => (
    <li>
      <T text={s} locale={locale} />
    </li>
  ));
  return ordered ? <ol class="steps">{children}</ol> : <ul class="steps">{children}</ul>;
}

/**
 * Helplines on this server: the person may ask one, carrying what they answered here. The answers go in
 * a form (never a URL) and are shown on the request form, where they can leave them out.
 */
function AskHelpline({
  flow,
  node,
  helplines,
  c,
}: {
  flow: Flow;
  node: OutcomeNode;
  helplines: { list: { id: string; name: string }[]; csrf: string };
  c: StepContext;
}) {
  if (helplines.list.length === 0) return null;
  const said = Object.entries(c.state.answered).map(([field, value]) => `${c.t(`triage.context.${field}`)}: ${value}`);
  const summary = [pick(flow.title, c.locale).text, pick(node.title, c.locale).text, ...said].join('\n');
  return (
    <section aria-labelledby="ask-helpline">
      <h2 id="ask-helpline">{c.t('triage.outcome.askHelpline')}</h2>
      <p>{c.t('triage.outcome.askHelplineLead')}</p>
      <ul class="actions">
        {helplines.list.map((h) => (
          <li>
            <PostForm action={`/${c.locale}/helplines/${h.id}/from-triage`} csrf={helplines.csrf} class="inline">
              <input type="hidden" name="triage" value={summary} />
              <button class="button" type="submit">
                {c.t('triage.outcome.ask', { name: h.name })}
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OutcomeStep({
  flow,
  node,
  referrals,
  helplines,
  c,
}: {
  flow: Flow;
  node: OutcomeNode;
  referrals: Ranked[];
  helplines: { list: { id: string; name: string }[]; csrf: string };
  c: StepContext;
}) {
  const browse = `/${c.locale}/support?${node.referral.kinds.map((k) => `kind=${k}`).join('&')}`;
  return (
    <Frame flow={flow} title={<T text={node.title} locale={c.locale} />} c={c}>
      {node.summary && (
        <p class="lead">
          <T text={node.summary} locale={c.locale} />
        </p>
      )}
      <section aria-labelledby="now">
        <h2 id="now">{c.t('triage.outcome.now')}</h2>
        <Steps items={node.now} locale={c.locale} ordered />
      </section>
      {node.avoid.length > 0 && (
        <section aria-labelledby="avoid">
          <h2 id="avoid">{c.t('triage.outcome.avoid')}</h2>
          <Steps items={node.avoid} locale={c.locale} />
        </section>
      )}
      {node.gather.length > 0 && (
        <section aria-labelledby="gather">
          <h2 id="gather">{c.t('triage.outcome.gather')}</h2>
          <Steps items={node.gather} locale={c.locale} />
        </section>
      )}
      <AskHelpline flow={flow} node={node} helplines={helplines} c={c} />
      <section aria-labelledby="referrals">
        <h2 id="referrals">{c.t('triage.outcome.referrals')}</h2>
        {referrals.length === 0 ? (
          <p class="notice" id="no-match">
            {node.noMatch ? <T text={node.noMatch} locale={c.locale} /> : c.t('triage.outcome.noMatch')}
          </p>
        ) : (
          <ol class="results referrals">
            {referrals.map((r) => (
              <ReferralCard r={r} c={c} />
            ))}
          </ol>
        )}
        {/* OGP's own rules, when one of its policies is listed (not for any policy mechanism, e.g. the UN's). */}
        {referrals.some((r) => r.mechanism.operator?.startsWith(OGP)) && (
          <section class="notice" aria-labelledby="ogp" id="ogp-rules">
            <h3 id="ogp">{c.t('triage.ogp.title')}</h3>
            <p>{c.t('triage.ogp.text')}</p>
            <p>
              <strong>{c.t('triage.ogp.urgent')}</strong>
            </p>
          </section>
        )}
        <details>
          <summary>{c.t('triage.outcome.order')}</summary>
          <p>{c.t('triage.outcome.orderText')}</p>
        </details>
        <p>
          <a href={browse}>{c.t('triage.outcome.browse')}</a>
        </p>
      </section>
      {node.referral.threats.includes('preparation') && (
        <section aria-labelledby="assessment" id="risk-assessment">
          <h2 id="assessment">{c.t('triage.tool.assessment.title')}</h2>
          <p>{c.t('triage.tool.assessment.text', { tab: c.t('assess.title') })}</p>
          <p>
            <a class="button" href={`/${c.locale}/login?next=${encodeURIComponent(`/${c.locale}/dashboard`)}`}>
              {c.t('triage.tool.assessment.link')}
            </a>
          </p>
        </section>
      )}
    </Frame>
  );
}
