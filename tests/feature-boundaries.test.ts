// The import-boundary rule of eslint.config.js (docs/decisions/0013), on real paths of this tree.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { place, violation } from '../eslint/feature-boundaries.js';

const src = (p: string) => path.resolve(import.meta.dirname, '..', 'src', p);

describe('feature import boundaries', () => {
  it('knows slices, groups of slices and their shared files', () => {
    expect(place(src('features/directory/views/list.tsx'))).toMatchObject({
      slice: 'directory',
      inner: 'views/list.tsx',
    });
    expect(place(src('features/accounts/orgs/service.ts'))).toMatchObject({
      group: 'accounts',
      slice: 'accounts/orgs',
    });
    expect(place(src('features/accounts/passwords.ts'))).toMatchObject({ group: 'accounts', slice: null });
  });

  it('lets a slice reach another only through its service.ts', () => {
    expect(violation(src('features/assessments/plan/routes.tsx'), src('features/accounts/orgs/service.ts'))).toBeNull();
    expect(violation(src('features/assessments/plan/service.ts'), src('features/accounts/orgs/queries.ts'))).toMatch(
      /features\/assessments\/plan may import only features\/accounts\/orgs\/service\.ts/,
    );
    expect(violation(src('features/home/routes.tsx'), src('features/directory/views/list.tsx'))).not.toBeNull();
    // Slices of one group are still separate slices.
    expect(
      violation(src('features/accounts/auth/service.ts'), src('features/accounts/orgs/queries.ts')),
    ).not.toBeNull();
  });

  it("keeps a group's shared files for that group's slices", () => {
    expect(violation(src('features/accounts/auth/service.ts'), src('features/accounts/passwords.ts'))).toBeNull();
    expect(violation(src('features/assessments/plan/service.ts'), src('features/accounts/passwords.ts'))).toMatch(
      /features\/accounts\/passwords\.ts is shared only by the slices of features\/accounts\//,
    );
  });

  it('lets a slice use its own files and the shared layers', () => {
    expect(
      violation(src('features/accounts/auth/routes.tsx'), src('features/accounts/auth/views/auth.tsx')),
    ).toBeNull();
    expect(violation(src('features/accounts/auth/service.ts'), src('platform/errors.ts'))).toBeNull();
    expect(violation(src('features/directory/routes.tsx'), src('ui/layout.tsx'))).toBeNull();
  });

  it('keeps platform, ui, db and config free of features, and the CLI on services', () => {
    for (const layer of [
      'platform/audit.ts',
      'ui/layout.tsx',
      'db/migrations/0006-sealed-documents.ts',
      'config/env.ts',
    ])
      expect(violation(src(layer), src('features/directory/service.ts'))).toMatch(/must not import from features/);
    expect(violation(src('cli/accounts.ts'), src('features/accounts/orgs/service.ts'))).toBeNull();
    expect(violation(src('cli/accounts.ts'), src('features/accounts/orgs/queries.ts'))).toMatch(
      /cli\/ may import only/,
    );
  });

  it('lets the composition roots and the tests wire anything', () => {
    expect(violation(src('app.ts'), src('features/accounts/auth/routes.tsx'))).toBeNull();
    expect(violation(src('context.ts'), src('features/directory/live-index.ts'))).toBeNull();
    expect(
      violation(path.resolve(import.meta.dirname, 'authz-matrix.test.ts'), src('features/accounts/queries.ts')),
    ).toBeNull();
  });
});
