import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module boundaries (../shared/STYLE.md): a module of src/ is used through its index.ts (src/shared is a kit of
// leaf utilities, imported file by file); src/ never imports jobs/ or cli/; templates never import src/render.
const FACE = '(?!shared/)[^./][^/]*/(?!([^/]+/)?index\\.tsx?$)';
const faceMessage = 'import another module through its index.ts (its public face)';
/** One rule per folder depth, since a relative import only leaves the module after as many `../` as it is deep. */
const srcFaces = [1, 2, 3].map((depth) => ({
  files: [`src/*/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: `^(\\.\\./){${depth}}${FACE}`, message: faceMessage },
          { regex: '^(\\.\\./)+(jobs|cli)/', message: 'src/ never imports jobs/ or cli/ (they sit above it)' },
        ],
      },
    ],
  },
}));
const outerFaces = {
  files: ['jobs/**/*.ts', 'cli/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [{ regex: `^(\\.\\./)+src/${FACE}`, message: faceMessage }],
      },
    ],
  },
};
const templatesStayDown = {
  files: ['templates/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: `^(\\.\\./)+src/${FACE}`, message: faceMessage },
          {
            regex: '^(\\.\\./)+src/render/',
            message: 'templates own their props: src/render imports templates, never the reverse',
          },
          { regex: '^(\\.\\./)+(jobs|cli)/', message: 'templates never import jobs/ or cli/' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'outbox', 'coverage', '.tmp', 'bench/out', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A queue worker that forgets to await loses errors and jobs.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...srcFaces,
  outerFaces,
  templatesStayDown,
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
