// The organisation's forms. Organisation and member ids come from the URL (checked by requireAccess).
import { z } from 'zod';
import { ORG_ROLES } from '../../../platform/access.ts';
import type { RawInput } from '../../../platform/forms.ts';

export const roleSchema = z.object({ role: z.enum(ORG_ROLES) });
export type RoleInput = RawInput<typeof roleSchema>;

export const orgNameSchema = z.object({ name: z.string().trim().min(2).max(160) });
export type OrgNameInput = RawInput<typeof orgNameSchema>;
