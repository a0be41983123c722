import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Use the contract: main/ipc/register-handlers.ts and preload/ipc-transport.ts are the only files that touch raw IPC.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [rawIpc] }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['main/ipc/register-handlers.ts', 'preload/ipc-transport.ts', 'tests/unit/shell/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer is sandboxed: reach main through window.portfolioApi.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'The renderer has no Node: ask main through window.portfolioApi.',
            })),
          ],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/sandbox/**'],
              message: 'The renderer may import only renderer/ and common/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'common/ is pure TypeScript shared by every process.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'common/ is pure TypeScript: no Node.' })),
          ],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/sandbox/**', 'react', 'react-dom'],
              message: 'common/ depends on nothing of the app.',
            },
          ],
        },
      ],
    },
  },
);
