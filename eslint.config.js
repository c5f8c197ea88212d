// Lint rules. The one that matters most: the permission core stays pure (no I/O imports).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tandem-data/**', 'bench/results/**', 'bench/.data/**'] },
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
  // @tandem/api describes the HTTP API for the server, the web and the test clients: zod and @tandem/core only, so
  // the web can import it and the server's routes can declare it. scripts/check-imports.mjs checks the same arrow.
  {
    files: ['packages/api/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'net', 'child_process'], message: '@tandem/api runs in the browser too: no Node imports.' },
          { group: ['pg', 'kysely', 'kysely-*', 'fastify', 'fastify-*', '@fastify/*', '@electric-sql/*', 'react', 'react-*', '@tanstack/*', '@tandem/server', '@tandem/server/*', '@tandem/web', '@tandem/web/*', '**/server/**', '**/web/**'], allowTypeImports: false, message: '@tandem/api imports zod and @tandem/core only: never the server or the web.' },
        ],
      }],
    },
  },
  // The server's layers: http, seed and jobs above domain, domain above storage, storage above the core. Type
  // imports count (allowTypeImports stays false): a type import is still an arrow. scripts/check-imports.mjs checks
  // the same arrows on the resolved import graph, and finds cycles.
  {
    files: ['packages/server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/http', '**/http/**', '**/seed', '**/seed/**'], allowTypeImports: false, message: 'domain/ never imports http/ or seed/: move the type or helper down (domain/shared/, storage/) or pass it in.' },
          { group: ['**/mail', '**/mail/**'], allowTypeImports: false, message: 'domain/ never imports mail/: it declares the Mailer port (domain/shared/mailer.ts) and takes one in deps.' },
        ],
      }],
    },
  },
  {
    files: ['packages/server/src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/domain', '**/domain/**', '**/http', '**/http/**', '**/seed', '**/seed/**', '**/mail', '**/mail/**'], allowTypeImports: false, message: 'storage/ never imports domain/, http/, seed/ or mail/: it only reads and writes rows.' },
        ],
      }],
    },
  },
  // mail/ holds the adapters of the domain's Mailer port (nodemailer, the log): they know the port and nothing else.
  {
    files: ['packages/server/src/mail/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/http', '**/http/**', '**/seed', '**/seed/**', '**/storage', '**/storage/**', '**/jobs', '**/jobs/**'], allowTypeImports: false, message: 'mail/ adapters import only the Mailer port (domain/shared/mailer.ts) and their library.' },
        ],
      }],
    },
  },
  {
    files: ['packages/server/src/http/routes/**/*.ts'],
    ignores: ['packages/server/src/http/routes/index.ts'], // registers every route
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^\\./|(^|/)routes(/|$)', allowTypeImports: false, message: 'A route never imports another route: shared schemas go to http/schemas.ts, helpers to http/plugins/ or serializers/.' },
        ],
      }],
    },
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    ignores: ['packages/cli/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^@tandem/server/|^(\\.\\.?/)+(.*/)?server(/|$)', allowTypeImports: false, message: "The CLI imports the server as '@tandem/server' only (packages/server/src/index.ts), never its files." },
        ],
      }],
    },
  },
  {
    // The CLI's tests may borrow the server's test harness (packages/server/test/support), never its internals.
    files: ['packages/cli/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^@tandem/server/|^(\\.\\.?/)+(.*/)?server(/(?!test/)|$)', allowTypeImports: false, message: "The CLI imports the server as '@tandem/server' only (packages/server/src/index.ts), never its files." },
        ],
      }],
    },
  },
);
