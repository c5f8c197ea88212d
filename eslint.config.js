// Lint rules. The one that matters most: the permission core stays pure (no I/O imports).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tandem-data/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'net', 'child_process'], message: 'The permission core is pure: no Node I/O.' },
          { group: ['pg', 'kysely', 'kysely-*', 'fastify', 'fastify-*', '@fastify/*', '@electric-sql/*', '@tandem/server', '@tandem/server/*', '**/server/**'], message: 'The permission core is pure: no storage or HTTP imports.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'The core takes `now` as an input; it never reads the clock.' }, 'process', 'fetch'],
    },
  },
);
