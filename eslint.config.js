import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Every exported async service function (what the shop does) says in its TSDoc what it throws:
 * `@throws` with the codes a client can get (STYLE.md, "Comments").
 */
const documentedThrows = {
  meta: { type: 'suggestion', messages: { missing: 'Exported service function {{name}} needs a TSDoc comment with @throws.' }, schema: [] },
  create(context) {
    return {
      'ExportNamedDeclaration > FunctionDeclaration[async=true]'(node) {
        const comment = context.sourceCode.getCommentsBefore(node.parent).at(-1);
        const documented = comment?.type === 'Block' && comment.value.startsWith('*') && /@throws\b/.test(comment.value);
        if (!documented) context.report({ node, messageId: 'missing', data: { name: node.id.name } });
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.test-builds/',
      'src/generated/',
      'test/generated/',
      'src/client/generated/',
      '.data/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Services are what the shop does, whatever the API: the GraphQL edge calls them, never the reverse.
    files: ['src/services/**'],
    plugins: { house: { rules: { 'documented-throws': documentedThrows } } },
    rules: {
      'house/documented-throws': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'graphql', message: 'Services know nothing of GraphQL: throw a ServiceError, src/graphql/errors.ts maps it.' },
            { name: 'nexus', message: 'Services know nothing of GraphQL: Nexus wiring lives in src/graphql/.' },
          ],
          patterns: [
            { group: ['graphql/*', 'nexus/*', '@apollo/*'], message: 'Services know nothing of GraphQL or Apollo.' },
            { regex: '^(\\.\\./)+graphql(/|$)', message: 'Services do not import the GraphQL layer: it imports them.' },
          ],
        },
      ],
    },
  },
  {
    // Code that runs in browsers, workers and edge runtimes: fetch and the web platform, no Node.
    files: ['src/client/**', 'src/dashboard/browser/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'No Node APIs in browser code.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'],
    },
  },
);
