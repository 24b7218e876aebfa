export function violation(from: string, to: string): string | null;
export function place(file: string): { layer: string; feature?: string; inner?: string; file?: string };
declare const rule: unknown;
export default rule;
