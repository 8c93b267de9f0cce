/**
 * The API explorer at GET /graphql (Accept: text/html), development only: GraphiQL from
 * `@graphql-yoga/graphiql`'s self-contained bundle, served by this process, so that it works on a
 * machine or network without internet (Apollo's default landing page loads from its CDN).
 * The bundle inlines its fonts; its editor workers are served from the same folder.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageJson = require.resolve('@graphql-yoga/graphiql/package.json');
const { version } = require(packageJson) as { version: string };

/** Versioned, so that browsers may cache the 6 MB bundle for good. */
export const EXPLORER_ASSETS_PATH = `/explorer/${version}`;

const EXAMPLE_QUERY = `# The order service's API explorer: ▶ or Ctrl-Enter runs.
# Products are public. For orders and reports, fill in
# the Authorization header below with "Bearer <token>",
# a token from: npm run --silent token -- EMAIL
# (alice@, admin@ or analyst@example.com).

query Catalogue($search: String) {
  products(
    first: 5
    filter: { search: $search }
    orderBy: { field: PRICE, direction: DESC }
  ) {
    totalCount
    edges {
      node {
        id
        sku
        name
        price
        stock
      }
    }
  }
  me {
    email
    role
  }
}
`;

// The bundle's Monaco editor asks for a worker per language; without MonacoEnvironment it would
// run them on the page's main thread. The file names are the bundle's own.
const WORKERS = { json: 'json.worker.bundle.js', graphql: 'graphql.worker..bundle.js', default: 'editor.worker.bundle.js' };

function explorerHtml(): string {
  const options = {
    endpoint: '/graphql',
    title: 'Order service',
    initialQuery: EXAMPLE_QUERY,
    initialVariables: JSON.stringify({ search: '' }, null, 2),
    initialHeaders: JSON.stringify({ Authorization: '' }, null, 2),
    defaultEditorToolsVisibility: 'headers',
    // Tokens stay out of localStorage: the headers last as long as the page.
    shouldPersistHeaders: false,
  };
  // JSON in a <script> is safe once "<" cannot close the element.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Order service · API explorer</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/graphiql.css">
  <style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="explorer"></div>
  <script>
    const workers = ${json(WORKERS)};
    self.MonacoEnvironment = {
      getWorkerUrl: (_moduleId, label) => '${EXPLORER_ASSETS_PATH}/monacoeditorwork/' + (workers[label] || workers.default),
    };
  </script>
  <script src="${EXPLORER_ASSETS_PATH}/yoga-graphiql.umd.js"></script>
  <script>
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('explorer'), ${json(options)});
  </script>
</body>
</html>
`;
}

/** Apollo plugin: GET /graphql from a browser answers with the explorer page. */
export function explorerLandingPage(): ApolloServerPlugin {
  const html = explorerHtml();
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}

/** The bundle's files (scripts, styles, editor workers), mounted at EXPLORER_ASSETS_PATH. */
export function explorerAssets(): Router {
  const router = express.Router();
  router.use(
    EXPLORER_ASSETS_PATH,
    express.static(path.join(path.dirname(packageJson), 'dist'), { immutable: true, maxAge: '365d', index: false }),
  );
  return router;
}
