export function violation(from: string, to: string): string | null;
export function place(file: string): {
  layer: string;
  group?: string | null;
  slice?: string | null;
  inner?: string;
  file?: string;
};
declare const rule: unknown;
export default rule;
