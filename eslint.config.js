import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// One lint config for the whole workspace. The rules that matter most here are the house rules:
// no `process.env` outside the env modules and no non-null assertions.
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', '**/generated/**', '**/next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through the env module of this package.' },
      ],
    },
  },
  {
    files: ['**/env.ts', '**/*.config.ts', '**/*.config.mts', 'scripts/**', '**/*.test.ts', '**/testing/**', '**/cli/**', 'e2e/**', '**/bench/**', '**/*.bench.ts', '**/instrumentation.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
