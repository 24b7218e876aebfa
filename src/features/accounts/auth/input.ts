// The forms of signing in, resetting a password and open sign-up. Ids and roles are never read from a
// body: they come from the URL (checked by requireAccess) and the session.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';
import { PASSWORD_MAX, newPasswordSchema } from '../passwords.ts';

const email = z.string().trim().max(254);

export const signInSchema = z.object({
  email,
  password: z
    .string()
    .max(4 * PASSWORD_MAX)
    .default(''),
});
export type SignInInput = RawInput<typeof signInSchema>;

export const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });
export type CodeInput = RawInput<typeof codeSchema>;

export const forgotSchema = z.object({ email });
export type ForgotInput = RawInput<typeof forgotSchema>;

export const resetPasswordSchema = newPasswordSchema({});
export type ResetPasswordInput = RawInput<typeof resetPasswordSchema>;

/** Open sign-up, step one: only the address, which is proved by a link before anything exists. */
export const signUpStartSchema = z.object({ email: z.email().max(254) });
export type SignUpStartInput = RawInput<typeof signUpStartSchema>;

/** Step two, from the link (the address comes from the link, and is checked against the password there). */
export const signUpFinishSchema = newPasswordSchema({
  name: z.string().trim().min(1).max(120),
  organisation: z.string().trim().min(2).max(160),
});
export type SignUpFinishInput = RawInput<typeof signUpFinishSchema>;
