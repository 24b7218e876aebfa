export function runtimeProblem(version: string): string | undefined;
