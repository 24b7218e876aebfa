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
  const qr = await qrSvg(recoveryKey, t('recoveryKey.qrLabel'));
  return (
    <section class="recovery-key" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('recoveryKey.title')}</h1>
      <p class="lead">{t('recoveryKey.lead', { org: orgName })}</p>
      <p class="recovery-key-text">
        <code dir="ltr">{recoveryKey}</code>
      </p>
      <div class="qr">{raw(qr)}</div>
      <ul>
        <li>{t('recoveryKey.keep')}</li>
        <li>{t('recoveryKey.what')}</li>
        <li>{t('recoveryKey.cannot')}</li>
        <li>{t('recoveryKey.once')}</li>
      </ul>
      <p>
        <a class="button" href={next}>
          {t('recoveryKey.continue')}
        </a>
      </p>
    </section>
  );
}
