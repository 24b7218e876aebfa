// ESLint: typescript-eslint's recommended rules and the feature import boundaries (docs/decisions/0013).
// Formatting is Prettier's job (npm run format); the linter does not repeat it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import featureBoundaries from './eslint/feature-boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', '.amparo/', 'bench/out/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    plugins: { amparo: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      'amparo/feature-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Migrations and the key check see tables of past shapes, which Kysely's documentation types as Kysely<any>;
    // tests poke at parsed JSON and deliberately broken inputs.
    files: ['src/db/**', 'src/platform/server-key.ts', '**/*.test.ts', '**/*.test.tsx', 'tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
