// The account page's forms: a new password, the authenticator's code, the password to turn two-factor off.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';
import { PASSWORD_MAX, newPasswordSchema } from '../passwords.ts';

export const changePasswordSchema = newPasswordSchema({ current: z.string().max(4 * PASSWORD_MAX) });
export type ChangePasswordInput = RawInput<typeof changePasswordSchema>;

/** The new authenticator's code; when replacing one, also the password and a current code or recovery code. */
export const totpConfirmSchema = z.object({
  code: z.string().trim().min(1).max(20),
  password: z
    .string()
    .max(4 * PASSWORD_MAX)
    .default(''),
  current: z.string().trim().max(40).default(''),
});
export type TotpConfirmInput = RawInput<typeof totpConfirmSchema>;

export const passwordOnlySchema = z.object({ password: z.string().max(4 * PASSWORD_MAX) });
export type PasswordOnlyInput = RawInput<typeof passwordOnlySchema>;
