// The CiviCERT vetting steps on a case page: public sources, a trusted person who vouches, the
// evaluation, and the sign-off (who gave it).
import { PostForm, TextField } from '../../../ui/components/form.tsx';
import type { CaseView } from '../service.ts';
import type { DeskBase } from './desk.tsx';

const STEPS = ['publicSources', 'voucher', 'evaluation'] as const;

type VettingProps = Pick<DeskBase, 't' | 'csrf'> & { view: CaseView };

export function Vetting({ p, here }: { p: VettingProps; here: string }) {
  const { t, view } = p;
  const v = view.entry.vetting;
  const values = { publicSources: v?.publicSources ?? '', voucher: v?.voucher ?? '', evaluation: v?.evaluation ?? '' };
  const signer = v?.signedOffBy && view.members.find((m) => `user:${m.id}` === v.signedOffBy)?.name;
  return (
    <details open={v !== null}>
      <summary>{t('cases.vetting.title')}</summary>
      <p>{t('cases.vetting.lead')}</p>
      {v?.signedOffBy && (
        <p class="notice">{t('cases.vetting.signedOff', { name: signer ?? t('cases.queue.formerMember') })}</p>
      )}
      <PostForm action={`${here}/vetting`} csrf={p.csrf}>
        {STEPS.map((name) => (
          <TextField
            name={name}
            label={t(`cases.vetting.${name}`)}
            values={values}
            problems={{}}
            t={t}
            multiline
            max={2000}
          />
        ))}
        <label class="check">
          <input type="checkbox" name="signOff" value="on" checked={Boolean(v?.signedOffBy)} />{' '}
          {t('cases.vetting.signOff')}
        </label>
        <p>
          <button class="button" type="submit">
            {t('cases.vetting.save')}
          </button>
        </p>
      </PostForm>
    </details>
  );
}
