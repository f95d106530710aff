// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/adr/0023): routes and views reach the data only through the domain services
 * the composition root hands them, and route plugins are registered by src/app.ts alone.
 */
const ROUTES_ONLY_IN_APP = {
  group: ['*.routes', '*.routes.ts', '*.routes.tsx'],
  message:
    'Alleen src/app.ts importeert een route-bestand. Zet gedeelde logica in een service of page-builder (ADR 0023).',
};
const routeAndViewFiles = [
  'src/**/*.routes.ts',
  'src/**/*.routes.tsx',
  'src/**/views/**/*.{ts,tsx}',
  'src/**/*.page.tsx',
  'src/**/*.pages.tsx',
  'src/**/*.views.tsx',
];
const NO_DATABASE_HERE =
  'Routes en views krijgen domeinservices van de compositie-root (src/composition.ts), nooit de database of een repository (ADR 0023).';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'datasets/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['assets/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/app.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ROUTES_ONLY_IN_APP] }] },
  },
  {
    files: routeAndViewFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: NO_DATABASE_HERE }],
          patterns: [
            ROUTES_ONLY_IN_APP,
            { group: ['kysely/*', '**/db', '**/db/**'], message: NO_DATABASE_HERE },
            { group: ['*.repository', '*.repository.ts'], message: NO_DATABASE_HERE },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='db']", message: NO_DATABASE_HERE },
        { selector: "ObjectPattern > Property[key.name='db']", message: NO_DATABASE_HERE },
      ],
    },
  },
);
