// The invite form (on the organisation's page) and the invitation's own page.
import { z } from 'zod';
import { ORG_ROLES } from '../../../platform/access.ts';
import type { RawInput } from '../../../platform/forms.ts';
import { newPasswordSchema } from '../passwords.ts';

export const inviteSchema = z.object({ email: z.email().max(254), role: z.enum(ORG_ROLES) });
export type InviteInput = RawInput<typeof inviteSchema>;

export const acceptInvitationSchema = newPasswordSchema({ name: z.string().trim().min(1).max(120) });
export type AcceptInvitationInput = RawInput<typeof acceptInvitationSchema>;
