// One linter for the whole repository. Type-aware rules catch unawaited promises; the
// restricted-imports block keeps the domain packages pure (STYLE.md: IO lives in adapters).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const IO_MODULES = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'os', 'net', 'http', 'https', 'crypto'],
      message: 'Domain packages are pure: no Node IO.',
    },
    {
      group: ['libp2p', '@libp2p/*', '@chainsafe/*'],
      message: 'Domain packages are pure: networking lives in packages/sync.',
    },
    { group: ['@automerge/*'], message: 'Domain packages are pure: documents live in adapters.' },
    {
      group: ['@integrale/node-crypto'],
      message: 'Domain packages are pure: the node:crypto adapter is injected, not imported.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/spec/**', '**/*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: [
      'packages/identity/src/**/*.ts',
      'packages/ledger/src/**/*.ts',
      'packages/governance/src/**/*.ts',
      'packages/projects/src/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', IO_MODULES],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Domain packages are pure.' },
        { name: 'fetch', message: 'Domain packages are pure.' },
        { name: 'window', message: 'Domain packages are pure.' },
        { name: 'document', message: 'Domain packages are pure.' },
        { name: 'crypto', message: 'Pass the platform crypto in; do not reach for a global.' },
      ],
    },
  },
);
