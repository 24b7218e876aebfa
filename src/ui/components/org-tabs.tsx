import type { Translate } from '../../platform/i18n/index.ts';

export type OrgTab = 'members' | 'assessments' | 'plan' | 'scenarios' | 'monitor' | 'helpline' | 'legislation';

const TABS: [OrgTab, string, string][] = [
  ['members', '', 'org.members'],
  ['assessments', '/assessments', 'assess.title'],
  ['plan', '/plan', 'plan.title'],
  ['scenarios', '/scenarios', 'scen.title'],
  ['monitor', '/monitor', 'monitor.title'],
  ['helpline', '/helpline', 'cases.queue.title'],
  ['legislation', '/legislation/follow', 'legislation.follow.title'],
];

/** The organisation's sections; `base` is /{locale}/orgs/{id}. */
export function OrgTabs({ base, t, here }: { base: string; t: Translate; here: OrgTab }) {
  return (
    <nav class="tabs" aria-label={t('prepare.nav')}>
      <ul>
        {TABS.map(([id, path, key]) => (
          <li>
            <a href={`${base}${path}`} {...(here === id ? { 'aria-current': 'page' as const } : {})}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
