// The dashboard (a person's organisations) and an organisation's page: members, invitations, settings.
import type { OrgRole } from '../../../../platform/access.ts';
import type { Problems } from '../../../../platform/errors.ts';
import { formatDate, type Locale, type Translate } from '../../../../platform/i18n/index.ts';
import { OrgTabs } from '../../../../ui/components/org-tabs.tsx';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../../ui/components/form.tsx';
import type { pendingInvitations } from '../../invitations/service.ts';
import type { myOrganisations, orgOverview } from '../service.ts';
import { AccessLostNotice, RecoveryKeySection, RestoreAccess, ServerHeldKeyBanner } from './keys.tsx';

type Org = Awaited<ReturnType<typeof orgOverview>>;
type Invitation = Awaited<ReturnType<typeof pendingInvitations>>[number];
type MyOrg = Awaited<ReturnType<typeof myOrganisations>>[number];

export function DashboardPage({
  locale,
  t,
  orgs,
  curator,
  name,
  accessLostAt,
  notice,
}: {
  locale: Locale;
  t: Translate;
  orgs: MyOrg[];
  curator: boolean;
  name: string;
  accessLostAt: Date | null;
  notice?: string;
}) {
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <p class="lead">{t('dashboard.hello', { name })}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {accessLostAt && <AccessLostNotice locale={locale} t={t} since={accessLostAt} />}
      {orgs.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <ul class="cards">
          {orgs.map((o) => (
            <li class="card">
              <h2>
                <a href={`/${locale}/orgs/${o.id}`}>{o.name}</a>
              </h2>
              <p>{t(`role.${o.role}`)}</p>
            </li>
          ))}
        </ul>
      )}
      {curator && (
        <p>
          <a class="button" href={`/${locale}/curate`}>
            {t('curate.title')}
          </a>
        </p>
      )}
      <p>
        <a href={`/${locale}/account`}>{t('account.title')}</a>
      </p>
    </>
  );
}

const ROLES: OrgRole[] = ['viewer', 'member', 'admin', 'owner'];

export function OrgPage(props: {
  locale: Locale;
  csrf: string;
  t: Translate;
  org: Org;
  invitations: Invitation[];
  myRole: OrgRole;
  values: FormValues;
  problems: Problems;
  notice?: string;
}) {
  const { locale, csrf, t, org, invitations, myRole, problems } = props;
  const base = `/${locale}/orgs/${org.id}`;
  const manages = myRole === 'owner' || myRole === 'admin';
  const offered = myRole === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner' && r !== 'admin');
  return (
    <>
      <h1>{org.name}</h1>
      <p class="lead">{t('org.yourRole', { role: t(`role.${myRole}`) })}</p>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {org.serverHeldKey && <ServerHeldKeyBanner t={t} />}
      <OrgTabs base={base} t={t} here="members" />
      <p>
        <a href={`${base}/remote-trigger`}>{t('remote.title')}</a>
      </p>
      <section aria-labelledby="members">
        <h2 id="members">{t('org.members')}</h2>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t('org.member')}</th>
              <th scope="col">{t('org.role')}</th>
              <th scope="col">{t('org.twoFactor')}</th>
              {manages && <th scope="col">{t('org.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {org.members.map((m) => (
              <tr class={m.disabled ? 'muted' : ''}>
                <td>
                  {m.name}
                  <br />
                  <small dir="ltr">{m.email}</small>
                </td>
                <td>
                  {t(`role.${m.role}`)}
                  {m.disabled && <> · {t('org.disabled')}</>}
                  <RestoreAccess
                    action={`${base}/members/${m.userId}/restore`}
                    csrf={csrf}
                    t={t}
                    member={m}
                    manages={myRole === 'owner' || (manages && m.role !== 'owner' && m.role !== 'admin')}
                  />
                </td>
                <td>{m.hasTotp ? t('org.twoFactor.on') : t('org.twoFactor.off')}</td>
                {manages && (
                  <td>
                    {(myRole === 'owner' || (m.role !== 'owner' && m.role !== 'admin')) && (
                      <>
                        <PostForm action={`${base}/members/${m.userId}/role`} csrf={csrf} class="inline">
                          <label class="visually-hidden" for={`role-${m.userId}`}>
                            {t('org.role')}
                          </label>
                          <select id={`role-${m.userId}`} name="role">
                            {offered.map((r) => (
                              <option value={r} selected={r === m.role}>
                                {t(`role.${r}`)}
                              </option>
                            ))}
                          </select>
                          <button class="link-button" type="submit">
                            {t('org.changeRole')}
                          </button>
                        </PostForm>
                        <PostForm
                          action={`${base}/members/${m.userId}/${m.disabled ? 'enable' : 'disable'}`}
                          csrf={csrf}
                          class="inline"
                        >
                          <button class="link-button" type="submit">
                            {m.disabled ? t('org.enable') : t('org.disable')}
                          </button>
                        </PostForm>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {manages && (
        <section aria-labelledby="invite">
          <h2 id="invite">{t('org.invite')}</h2>
          {invitations.length > 0 && (
            <ul>
              {invitations.map((i) => (
                <li>
                  <span dir="ltr">{i.email}</span> · {t(`role.${i.role}`)} ·{' '}
                  {t('org.invite.until', { date: formatDate(locale, i.expiresAt) })}{' '}
                  <PostForm action={`${base}/invitations/${i.id}/withdraw`} csrf={csrf} class="inline">
                    <button class="link-button" type="submit">
                      {t('org.invite.withdraw')}
                    </button>
                  </PostForm>
                </li>
              ))}
            </ul>
          )}
          <ErrorSummary problems={problems} t={t} order={['email', 'role']} />
          <PostForm action={`${base}/invitations`} csrf={csrf}>
            <TextField
              name="email"
              type="email"
              label={t('signin.email')}
              values={props.values}
              problems={problems}
              t={t}
              max={254}
            />
            <div class="field">
              <label for="invite-role">{t('org.role')}</label>
              <select id="invite-role" name="role">
                {offered.map((r) => (
                  <option value={r} selected={r === (props.values.role ?? 'member')}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <p>
              <button class="button" type="submit">
                {t('org.invite.submit')}
              </button>
            </p>
          </PostForm>
        </section>
      )}
      {myRole === 'owner' && (
        <section aria-labelledby="settings">
          <h2 id="settings">{t('org.settings')}</h2>
          <PostForm action={`${base}/settings`} csrf={csrf}>
            <input type="hidden" name="require_mfa" value="off" />
            <label class="check">
              <input type="checkbox" name="require_mfa" value="on" checked={org.requireMfa} /> {t('org.requireMfa')}
            </label>
            <input type="hidden" name="allow_duress_erase" value="off" />
            <label class="check">
              <input type="checkbox" name="allow_duress_erase" value="on" checked={org.allowDuressErase} />{' '}
              {t('org.allowDuressErase')}
            </label>
            <p>
              <button class="button secondary" type="submit">
                {t('org.settings.submit')}
              </button>
            </p>
          </PostForm>
        </section>
      )}
      {myRole === 'owner' && <RecoveryKeySection action={`${base}/recovery-key`} csrf={csrf} t={t} />}
      {myRole === 'owner' && (
        <p>
          <a href={`${base}/erase`}>{t('erase.link')}</a>
        </p>
      )}
    </>
  );
}
