/**
 * GET /dashboard: the analysts' page, its script (bundled from ./browser into
 * src/generated/dashboard by `npm run generate`) and uPlot from node_modules. Everything comes
 * from this process; the page talks to POST /graphql like any client.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';
import { projectRoot } from '../project-root';

const require = createRequire(import.meta.url);

const root = projectRoot;
const pageFolder = path.join(root, 'src/dashboard/page');
const bundleFolder = path.join(root, 'src/generated/dashboard');
const uplotFolder = path.dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));

// Only this origin's scripts, styles and API; no framing. The token lives in this page.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

export function dashboardRouter(): Router {
  const router = express.Router();
  router.use('/dashboard', (_request, response, next) => {
    response.set(SECURITY_HEADERS);
    next();
  });
  router.get('/dashboard', (_request, response) => {
    response.sendFile(path.join(pageFolder, 'index.html'), { headers: { 'cache-control': 'no-cache' } });
  });
  router.use('/dashboard/assets', express.static(pageFolder, { index: false }), express.static(bundleFolder, { index: false }));
  router.use('/dashboard/vendor/uplot', express.static(uplotFolder, { index: false }));
  return router;
}
