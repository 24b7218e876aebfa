// /{locale}/orgs/{orgId}/legislation/follow: what the organisation follows (admins change it) and, when
// the alerts go to those who opt in, a member's own switch.
import { OrgTabs } from '../../../ui/components/org-tabs.tsx';
import type { Problems } from '../../../platform/errors.ts';
import { LOCALE_NAMES, LOCALES } from '../../../platform/i18n/locales.ts';
import {
  Choices,
  ErrorSummary,
  PostForm,
  SelectField,
  TextField,
  type FormValues,
} from '../../../ui/components/form.tsx';
import type { FollowList } from '../follows.ts';
import { LEGISLATION_KINDS } from '../service.ts';
import { kindLabel, type Base } from './parts.tsx';

export function FollowPage(
  p: Base & {
    csrf: string;
    base: string;
    canManage: boolean;
    follow: FollowList | undefined;
    optedIn: boolean;
    values: FormValues;
    problems: Problems;
    notice?: string;
  },
) {
  const { t, values, problems } = p;
  const chosen = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? [v] : (v ?? []);
  };
  return (
    <>
      <h1>{t('legislation.follow.title')}</h1>
      <OrgTabs base={p.base} t={t} here="legislation" />
      <ErrorSummary problems={problems} notice={p.notice} t={t} order={['countries', 'kinds', 'locale', 'audience']} />
      <p>{t('legislation.follow.lead', { feed: `/${p.locale}/legislation/XX.atom` })}</p>
      {p.canManage && (
        <PostForm action={`${p.base}/legislation/follow`} csrf={p.csrf}>
          <TextField
            name="countries"
            label={t('legislation.follow.countries')}
            hint={t('legislation.follow.countriesHint')}
            values={values}
            problems={problems}
            t={t}
            max={400}
          />
          <Choices
            name="kinds"
            legend={t('legislation.follow.kinds')}
            options={LEGISLATION_KINDS}
            chosen={chosen('kinds')}
            label={(k) => kindLabel(t, k)}
          />
          <SelectField
            name="locale"
            label={t('legislation.follow.language')}
            options={LOCALES.map((l) => [l, LOCALE_NAMES[l]] as const)}
            values={values}
            problems={problems}
            t={t}
          />
          <Choices
            name="audience"
            type="radio"
            legend={t('legislation.follow.audience')}
            options={['admins', 'optin']}
            chosen={chosen('audience')}
            label={(a) => t(`legislation.follow.audience.${a}`)}
          />
          <button type="submit">{t('legislation.follow.save')}</button>
        </PostForm>
      )}
      {p.follow?.audience === 'optin' && (
        <PostForm action={`${p.base}/legislation/follow/me`} csrf={p.csrf}>
          <input type="hidden" name="on" value={p.optedIn ? '' : '1'} />
          <button type="submit">{t(p.optedIn ? 'legislation.follow.optOut' : 'legislation.follow.optIn')}</button>
        </PostForm>
      )}
    </>
  );
}
