import { direction, formatDate, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { CONTENT_LANG, KINDS, REGIONS, type Mechanism } from '../../directory/service.ts';
import type { Localized, NodeKey, UnansweredStep } from '../../triage/service.ts';
import { T } from '../../../ui/components/localized.tsx';
import { MechanismEntry } from './entry.tsx';

/** Small words the search skips, and word -> phrases it also looks for (read by src/ui/client/offline.ts). */
export interface OfflineSynonyms {
  ignore: string[];
  words: Record<string, string[]>;
}

/** A step of the edition: every question and outcome, read without answers. */
export type OfflineStep = UnansweredStep;

interface Props {
  locale: Locale;
  t: Translate;
  builtAt: Date;
  exitUrl: string;
  mechanisms: Mechanism[];
  steps: OfflineStep[];
  /** The search's synonyms for this locale (and English). */
  synonyms: OfflineSynonyms;
  css: string;
  script: string;
  csp: string;
}

const stepId = (key: NodeKey) => `s-${key.replace('/', '-')}`;

function Step({ step, locale, t }: { step: OfflineStep; locale: Locale; t: Translate }) {
  const { node } = step;
  if (node.type === 'question') {
    return (
      <section class="step" id={stepId(step.key)}>
        <p class="triage-flow">
          <T text={step.flow.title} locale={locale} />
        </p>
        <h3>
          <T text={node.text} locale={locale} />
        </h3>
        {node.help && (
          <p>
            <T text={node.help} locale={locale} />
          </p>
        )}
        <ul class="choices">
          {node.options.map((o, i) => (
            <li>
              <a class="choice" href={`#${stepId(step.targets[i]!)}`}>
                <T text={o.label} locale={locale} />
              </a>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const list = (items: Localized[]) =>
    items.map((s) => (
      <li>
        <T text={s} locale={locale} />
      </li>
    ));
  return (
    <section class="step" id={stepId(step.key)}>
      <p class="triage-flow">
        <T text={step.flow.title} locale={locale} />
      </p>
      <h3>
        <T text={node.title} locale={locale} />
      </h3>
      {node.summary && (
        <p>
          <T text={node.summary} locale={locale} />
        </p>
      )}
      <h4>{t('triage.outcome.now')}</h4>
      <ol class="steps">{list(node.now)}</ol>
      {node.avoid.length > 0 && (
        <>
          <h4>{t('triage.outcome.avoid')}</h4>
          <ul class="steps">{list(node.avoid)}</ul>
        </>
      )}
      {node.gather.length > 0 && (
        <>
          <h4>{t('triage.outcome.gather')}</h4>
          <ul class="steps">{list(node.gather)}</ul>
        </>
      )}
      <h4>{t('triage.outcome.referrals')}</h4>
      {step.referrals.length === 0 ? (
        <p>{node.noMatch ? <T text={node.noMatch} locale={locale} /> : t('triage.outcome.noMatch')}</p>
      ) : (
        // Names are proper names, kept as written: the list carries their language once.
        <ol {...CONTENT_LANG}>
          {step.referrals.map((r) => (
            <li>
              <a href={`#m-${r.mechanism.id}`}>{r.mechanism.name}</a>
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href="#s-start-what">{t('triage.restart')}</a>
      </p>
    </section>
  );
}

/** A select the inline script reads: it keeps the mechanisms whose data-{filter} holds the value. */
function FilterSelect(p: { id: string; filter: string; label: string; any: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} data-filter={p.filter}>
        <option value="">{p.any}</option>
        {p.options.map(([value, label]) => (
          <option value={value}>{label}</option>
        ))}
      </select>
    </div>
  );
}

export function OfflineDocument(p: Props) {
  const { locale, t } = p;
  const languages = [...new Set(p.mechanisms.flatMap((m) => m.languages))].sort();
  return (
    <html lang={locale} dir={direction(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={p.csp} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{t('offline.title')}</title>
        <style dangerouslySetInnerHTML={{ __html: p.css }} />
      </head>
      <body>
        <header class="site-bar">
          <div class="wrap">
            <span class="brand">{t('site.name')}</span>
            <a class="exit" href={p.exitUrl} rel="noreferrer">
              {t('exit.label')}
            </a>
          </div>
        </header>
        <main class="wrap">
          <h1>{t('offline.title')}</h1>
          <p class="notice">{t('offline.built', { date: formatDate(locale, p.builtAt) })}</p>
          <nav aria-label={t('offline.toc')}>
            <ul>
              <li>
                <a href="#s-start-what">{t('nav.help')}</a>
              </li>
              <li>
                <a href="#directory">{t('offline.directory')}</a>
              </li>
            </ul>
          </nav>
          <h2 id="help">{t('nav.help')}</h2>
          <p class="hint">{t('offline.private')}</p>
          {p.steps.map((step) => (
            <Step step={step} locale={locale} t={t} />
          ))}
          <h2 id="directory">{t('offline.directory')}</h2>
          <div id="directory-tools" class="search-row" hidden>
            <div class="field">
              <label for="q">{t('offline.search')}</label>
              <input type="search" id="q" data-synonyms={JSON.stringify(p.synonyms)} />
            </div>
            <FilterSelect
              id="f-kind"
              filter="k"
              label={t('facet.kinds')}
              any={t('offline.any')}
              options={KINDS.map((k) => [k, t(`kind.${k}`)])}
            />
            <FilterSelect
              id="f-region"
              filter="r"
              label={t('facet.regions')}
              any={t('offline.any')}
              options={REGIONS.map((r) => [r, t(`region.${r}`)])}
            />
            <FilterSelect
              id="f-lang"
              filter="l"
              label={t('facet.languages')}
              any={t('offline.any')}
              options={languages.map((l) => [l, languageName(locale, l)])}
            />
            <label class="check">
              <input type="checkbox" id="always-on" /> {t('facet.alwaysOnOption')}
            </label>
            <p>
              {t('offline.shown')} <output id="count">{p.mechanisms.length}</output>
            </p>
          </div>
          {p.mechanisms.map((m) => (
            <MechanismEntry m={m} locale={locale} t={t} />
          ))}
        </main>
        <script dangerouslySetInnerHTML={{ __html: p.script }} />
      </body>
    </html>
  );
}
