// Every form of the accounts feature. Ids, organisation ids, roles of the actor and owners are never
// read from a body: they come from the URL (checked by requireAccess) and the session.
import { z } from 'zod';
import { ORG_ROLES } from '../../../platform/access.ts';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../passwords.ts';

const email = z.string().trim().max(254);

export const signInSchema = z.object({
  email,
  password: z
    .string()
    .max(4 * PASSWORD_MAX)
    .default(''),
});

export const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });

/** A new password, checked for length and against the list of common ones, typed twice. */
function newPassword<T extends z.ZodRawShape>(shape: T, emailField?: keyof T & string) {
  return z
    .object({
      ...shape,
      password: z.string().max(4 * PASSWORD_MAX),
      password_confirm: z.string().max(4 * PASSWORD_MAX),
    })
    .superRefine((raw, ctx) => {
      const v = raw as Record<string, unknown> & { password: string; password_confirm: string };
      const problem = passwordProblem(v.password, emailField ? String(v[emailField] ?? '') : undefined);
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `password.${problem}` });
      else if (v.password !== v.password_confirm)
        ctx.addIssue({ code: 'custom', path: ['password_confirm'], message: 'password.mismatch' });
    });
}

export const acceptInvitationSchema = newPassword({ name: z.string().trim().min(1).max(120) });
export const resetPasswordSchema = newPassword({});
export const changePasswordSchema = newPassword({ current: z.string().max(4 * PASSWORD_MAX) });
/** Open sign-up, step one: only the address, which is proved by a link before anything exists. */
export const signUpStartSchema = z.object({ email: z.email().max(254) });
/** Step two, from the link (the address comes from the link, and is checked against the password there). */
export const signUpFinishSchema = newPassword({
  name: z.string().trim().min(1).max(120),
  organisation: z.string().trim().min(2).max(160),
});

export const forgotSchema = z.object({ email });

export const inviteSchema = z.object({ email: z.email().max(254), role: z.enum(ORG_ROLES) });
export const roleSchema = z.object({ role: z.enum(ORG_ROLES) });
export const orgNameSchema = z.object({ name: z.string().trim().min(2).max(160) });

/** The new authenticator's code; when replacing one, also the password and a current code or recovery code. */
export const totpConfirmSchema = z.object({
  code: z.string().trim().min(1).max(20),
  password: z
    .string()
    .max(4 * PASSWORD_MAX)
    .default(''),
  current: z.string().trim().max(40).default(''),
});
export const passwordOnlySchema = z.object({ password: z.string().max(4 * PASSWORD_MAX) });

export const PASSWORD_LIMITS = { min: PASSWORD_MIN, max: PASSWORD_MAX };
