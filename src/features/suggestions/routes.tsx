// /{locale}/support/suggest: the public form; decisions are made in the CLI (and later the curator UI).
import { Hono, type Context } from 'hono';
import { anonymous } from '../../platform/access.ts';
import { RateLimitedError, type Problems } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import { listDirectory } from '../directory/service.ts';
import { HONEYPOT_FIELD } from './input.ts';
import { submitSuggestion } from './service.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { SuggestionForm, SuggestionThanks } from './views/form.tsx';

async function renderForm(
  c: Context<AppEnv>,
  values: FormValues,
  problems: Problems,
  status: 200 | 422 | 429,
  notice?: string,
) {
  const { ctx, locale, t } = c.var;
  const mechanisms = (await listDirectory(ctx, anonymous)).map((m) => ({ id: m.id, name: m.name }));
  c.status(status);
  return c.render(
    <SuggestionForm
      action={`/${locale}/support/suggest`}
      values={values}
      problems={problems}
      notice={notice}
      mechanisms={mechanisms}
      csrf={csrfToken(c)}
      t={t}
    />,
    { title: t('suggest.title') },
  );
}

export const suggestionRoutes = new Hono<AppEnv>()
  .get('/support/suggest', (c) => {
    const kind = c.req.query('kind') === 'correction' ? 'correction' : 'new';
    return renderForm(c, { kind, mechanism: c.req.query('mechanism') ?? '' }, {}, 200);
  })
  .post('/support/suggest', async (c) => {
    const { ctx, locale, t } = c.var;
    const fields = await readForm(c);
    const thanks = `/${locale}/support/suggest/thanks`;
    // A bot that fills the hidden field is told all went well, and nothing is stored.
    if (fields[HONEYPOT_FIELD]) return c.redirect(thanks, 303);
    try {
      const result = await submitSuggestion(ctx, anonymous, fields, locale);
      if (!result.ok) return renderForm(c, fields, result.problems, 422);
      return c.redirect(`${thanks}?ref=${result.value.id}`, 303);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      c.header('retry-after', String(error.retryAfterSeconds));
      return renderForm(
        c,
        fields,
        {},
        429,
        t('suggest.rateLimited', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }),
      );
    }
  })
  .get('/support/suggest/thanks', (c) => {
    const ref = c.req.query('ref');
    const reference = ref && /^[a-z2-9]{12}$/.test(ref) ? ref : null;
    return c.render(<SuggestionThanks reference={reference} locale={c.var.locale} t={c.var.t} />, {
      title: c.var.t('suggest.thanks.title'),
    });
  });
