// The requester's case as they see it: the messages, a referral question to answer, the cases opened
// elsewhere with their consent, a reply form, deleting the case, and leaving it.
import type { Problems } from '../../../platform/errors.ts';
import type { CaseMessage, RequesterView } from '../service.ts';
import { ErrorSummary, PostForm, TextField, type FormValues } from '../../../ui/components/form.tsx';
import { Message, type Page } from './public.tsx';

export function StatusPage(p: Page & { view: RequesterView; values: FormValues; problems: Problems; notice?: string }) {
  const { t, locale, view } = p;
  const who = (m: CaseMessage) =>
    m.body.kind === 'intake' || m.body.kind === 'requester' || m.body.kind === 'consent'
      ? t('cases.status.you')
      : m.body.kind === 'answer'
        ? m.body.helpline
        : view.helpline.name;
  const answered = new Set(view.messages.flatMap((m) => (m.body.kind === 'consent' ? [m.body.to] : [])));
  const pending = view.messages.filter((m) => m.body.kind === 'referral' && !answered.has(m.body.to));
  return (
    <>
      <h1>{t('cases.status.title', { name: view.helpline.name })}</h1>
      {p.notice && (
        <p class="notice" role="status">
          {p.notice}
        </p>
      )}
      {pending.map((m) =>
        m.body.kind === 'referral' ? (
          <section class="card" aria-labelledby={`ask-${m.id}`}>
            <h2 id={`ask-${m.id}`}>{t('cases.referral.question', { name: m.body.toName })}</h2>
            <p>{t('cases.referral.explain', { name: m.body.toName })}</p>
            <ul>
              {m.body.fields.map((f) => (
                <li>{t(`cases.referral.field.${f}`)}</li>
              ))}
            </ul>
            <div class="actions">
              <PostForm action={`${p.base}/case/referrals/${m.id}`} csrf={p.csrf} class="inline">
                <input type="hidden" name="answer" value="yes" />
                <button class="button" type="submit">
                  {t('cases.referral.yes')}
                </button>
              </PostForm>
              <PostForm action={`${p.base}/case/referrals/${m.id}`} csrf={p.csrf} class="inline">
                <input type="hidden" name="answer" value="no" />
                <button class="link-button" type="submit">
                  {t('cases.referral.no')}
                </button>
              </PostForm>
            </div>
          </section>
        ) : null,
      )}
      <h2>{t('cases.status.messages')}</h2>
      <ol class="messages">
        {view.messages.map((m) => (
          <Message m={m} locale={locale} t={t} who={who} />
        ))}
      </ol>
      {view.referrals.map((r) => (
        <section aria-labelledby={`ref-${r.caseId}`}>
          <h2 id={`ref-${r.caseId}`}>{t('cases.status.holder', { name: r.helpline })}</h2>
          <ol class="messages">
            {r.messages.map((m) => (
              <Message
                m={m}
                locale={locale}
                t={t}
                who={(x) =>
                  x.body.kind === 'intake' || x.body.kind === 'requester' ? t('cases.status.you') : r.helpline
                }
              />
            ))}
          </ol>
        </section>
      ))}
      <h2>{t('cases.status.reply')}</h2>
      <ErrorSummary problems={p.problems} t={t} order={['text']} />
      <PostForm action={`${p.base}/case/reply`} csrf={p.csrf}>
        <TextField
          name="text"
          label={t('cases.status.replyLabel')}
          values={p.values}
          problems={p.problems}
          t={t}
          multiline
          max={6000}
        />
        <p>
          <button class="button" type="submit">
            {t('cases.status.send')}
          </button>
        </p>
      </PostForm>
      <details>
        <summary>{t('cases.status.delete')}</summary>
        <p>{t('cases.status.deleteExplain')}</p>
        <PostForm action={`${p.base}/case/delete`} csrf={p.csrf}>
          <label class="check">
            <input type="checkbox" name="confirm" value="yes" /> {t('cases.status.deleteConfirm')}
          </label>
          <p>
            <button class="button danger" type="submit">
              {t('cases.status.deleteButton')}
            </button>
          </p>
        </PostForm>
      </details>
      <PostForm action={`${p.base}/case/sign-out`} csrf={p.csrf}>
        <button class="link-button" type="submit">
          {t('cases.status.signOut')}
        </button>
      </PostForm>
    </>
  );
}
