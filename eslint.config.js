import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/*
 * The layers of src/ (README, Architecture): each imports only the layers MAY_IMPORT lists, so
 * dependencies point one way, sim -> content -> features -> app, with the shared layers
 * (components, run, course) between the core and the features, and realwire over sim alone.
 * sim is the pure core; content loads the lessons and quiz; components is UI that knows no
 * feature; run is what every view of a run shares (the player, the core, how a message reads, the
 * marks, the view options); course is what the lessons and the quiz share; app composes the
 * screens. A feature imports no other feature: what two features share moves down a layer, and
 * what brings features together is the app's. Tests are exempt: a component's test may render the
 * composed screen it lives in.
 */
const LAYERS = ['sim', 'content', 'realwire', 'components', 'run', 'course', 'features', 'app'];
const MAY_IMPORT = {
  sim: [],
  content: ['sim'],
  realwire: ['sim'],
  components: ['sim'],
  run: ['sim', 'components'],
  course: ['sim', 'content', 'components'],
  features: ['sim', 'content', 'components', 'run', 'course'],
  app: ['sim', 'content', 'components', 'run', 'course', 'features'],
};
// One zone per feature folder, read from the disk, so a new feature is kept apart without an edit here.
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const LAYER_ZONES = [
  ...LAYERS.map((layer) => ({
    target: `./src/${layer}`,
    from: LAYERS.filter((other) => other !== layer && !MAY_IMPORT[layer].includes(other)).map(
      (other) => `./src/${other}`,
    ),
    message: `src/${layer} may import only ${MAY_IMPORT[layer].map((l) => `src/${l}`).join(', ') || 'itself'} (eslint.config.js, LAYERS).`,
  })),
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message:
      'A feature imports no other feature: share through src/components, src/run or src/course; compose in src/app.',
  })),
];
const TESTS = ['**/*.test.{ts,tsx}', '**/testing.{ts,tsx}'];

export default tseslint.config(
  {
    ignores: ['dist', 'dist-*', 'coverage', 'node_modules', 'public/mockServiceWorker.js', 'e2e/screenshots'],
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: they see what a value's type is (a promise handed to a void callback, a switch
    // that misses a case of a union, an `any` leaking out of JSON.parse), which the syntactic rules cannot.
    files: ['**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A `default:` must not hide a case of a union that was forgotten.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false },
      ],
    },
  },
  {
    // The simulator core must stay free of React (the layer zones below keep it free of the UI layers).
    files: ['src/sim/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', '@xyflow/*', '@xstate/react'], message: 'src/sim is UI-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: TESTS,
    plugins: { 'import-x': importX },
    settings: {
      // Which files the plugin reads to follow imports (no-cycle walks them), and how it resolves them.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: LAYER_ZONES }],
      // Type-only imports are erased at build time, so they make no cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
