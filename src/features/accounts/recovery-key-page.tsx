// The recovery key, shown once: when an organisation is created (sign-up, or an owner replacing it) and
// never again. As text and as a QR code, on a page that prints cleanly.
import { raw } from 'hono/html';
import type { Translate } from '../../platform/i18n/index.ts';
import { qrSvg } from './totp.ts';

export async function RecoveryKeyPage({
  recoveryKey,
  orgName,
  next,
  t,
}: {
  recoveryKey: string;
  orgName: string;
  next: string;
  t: Translate;
}) {
  const qr = await qrSvg(recoveryKey, t('recovery.qrLabel'));
  return (
    <section class="recovery-key" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('recovery.title')}</h1>
      <p class="lead">{t('recovery.lead', { org: orgName })}</p>
      <p class="recovery-key-text">
        <code dir="ltr">{recoveryKey}</code>
      </p>
      <div class="qr">{raw(qr)}</div>
      <ul>
        <li>{t('recovery.keep')}</li>
        <li>{t('recovery.what')}</li>
        <li>{t('recovery.cannot')}</li>
        <li>{t('recovery.once')}</li>
      </ul>
      <p>
        <a class="button" href={next}>
          {t('recovery.continue')}
        </a>
      </p>
    </section>
  );
}
