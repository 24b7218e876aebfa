// The erase form: the organisation's name, typed again to confirm.
import { z } from 'zod';
import type { RawInput } from '../../../platform/forms.ts';

export const eraseSchema = z.object({ name: z.string().trim().min(1).max(200) });
export type EraseInput = RawInput<typeof eraseSchema>;

/** The typed name matches when it is the same text, whatever the spaces around it or its Unicode form. */
export function sameName(typed: string, name: string): boolean {
  return typed.trim().normalize('NFC') === name.trim().normalize('NFC');
}
