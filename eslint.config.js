// Lint: typescript-eslint's recommended rules, plus the module arrows of docs/architecture.md —
// app → domain modules → db and shared helpers; a domain reaches another only through its index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const DOMAINS = ['catalog', 'forms', 'vault', 'applications', 'notifications', 'feedback', 'petitions', 'identity', 'compliance', 'datasources', 'bundles', 'exchange'];

// A domain may import another domain's index.ts only.
const crossDomain = DOMAINS.flatMap((target) =>
  DOMAINS.filter((from) => from !== target).map((from) => ({
    target: `./src/${from}`,
    from: `./src/${target}`,
    except: ['./index.ts'],
    message: `Dùng ${target} qua src/${target}/index.ts.`,
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // Nothing but app.ts, server.ts, cli.ts and seed.ts may import the wiring.
            { target: './src/!(server|cli|seed).ts', from: './src/app.ts', message: 'Chỉ server.ts và cli.ts dùng app.ts.' },
            // Database and shared web helpers do not depend on domains or the app.
            { target: './src/db', from: ['./src/web', './src/app.ts', ...DOMAINS.map((d) => `./src/${d}`)] },
            { target: './src/web', from: ['./src/app.ts', './src/server.ts', ...DOMAINS.map((d) => `./src/${d}`)] },
            { target: './src/storage', from: ['./src/web', './src/db', './src/app.ts', './src/server.ts', ...DOMAINS.map((d) => `./src/${d}`)] },
            // Production code never imports tests.
            { target: './src', from: './test' },
            ...crossDomain,
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
