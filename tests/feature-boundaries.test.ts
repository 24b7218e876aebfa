// The import-boundary rule of eslint.config.js (docs/decisions/0013), on the paths it must allow and refuse.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { violation } from '../eslint/feature-boundaries.js';

const src = (p: string) => path.resolve(import.meta.dirname, '..', 'src', p);

describe('feature import boundaries', () => {
  it('lets a feature reach another only through its service.ts', () => {
    expect(violation(src('features/plan/routes.tsx'), src('features/orgs/service.ts'))).toBeNull();
    expect(violation(src('features/plan/service.ts'), src('features/orgs/queries.ts'))).toMatch(
      /features\/plan may import only features\/orgs\/service\.ts/,
    );
    expect(violation(src('features/home/routes.tsx'), src('features/directory/views/list.tsx'))).not.toBeNull();
  });

  it('lets a feature use its own files and the shared layers', () => {
    expect(violation(src('features/auth/routes.tsx'), src('features/auth/views/sign-in.tsx'))).toBeNull();
    expect(violation(src('features/auth/service.ts'), src('platform/errors.ts'))).toBeNull();
    expect(violation(src('features/auth/service.ts'), src('ui/layout.tsx'))).toBeNull();
  });

  it('keeps platform, ui, db and config free of features, and the CLI on services', () => {
    for (const layer of [
      'platform/audit.ts',
      'ui/layout.tsx',
      'db/migrations/0006-sealed-documents.ts',
      'config/env.ts',
    ])
      expect(violation(src(layer), src('features/auth/service.ts'))).toMatch(/must not import from features/);
    expect(violation(src('cli/accounts.ts'), src('features/orgs/service.ts'))).toBeNull();
    expect(violation(src('cli/accounts.ts'), src('features/orgs/queries.ts'))).toMatch(/cli\/ may import only/);
  });

  it('lets the composition roots and the tests wire anything', () => {
    expect(violation(src('app.ts'), src('features/auth/routes.tsx'))).toBeNull();
    expect(violation(src('context.ts'), src('features/directory/index.ts'))).toBeNull();
    expect(
      violation(path.resolve(import.meta.dirname, 'authz-matrix.test.ts'), src('features/auth/queries.ts')),
    ).toBeNull();
  });
});
