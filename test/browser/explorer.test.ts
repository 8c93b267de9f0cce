import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLORER_ASSETS_PATH } from '../../src/explorer';
import { useTestApi } from '../support/api';
import { ARTIFACTS, hasChromium, requestsLeaving, useBrowser } from '../support/browser';

const api = useTestApi();
const production = useTestApi({ production: true });
const browser = useBrowser();

describe.skipIf(!hasChromium)('API explorer (GET /graphql from a browser, development)', () => {
  it('loads with every request on this service and runs the example query', async () => {
    const page = await browser.newPage();
    const origin = new URL(api.url).origin;
    await page.goto(`${api.url}/graphql`);
    const result = page.waitForResponse(
      (response) => response.request().method() === 'POST' && /query Catalogue/.test(response.request().postData() ?? ''),
    );
    await page.locator('.graphiql-execute-button').click();
    const body = (await (await result).json()) as { data: { products: { totalCount: number; edges: { node: { sku: string } }[] } } };
    const first = await api.db.product.findFirstOrThrow({ where: { deletedAt: null }, orderBy: [{ price: 'desc' }, { id: 'asc' }] });
    expect(body.data.products.totalCount).toBe(await api.db.product.count({ where: { deletedAt: null } }));
    expect(body.data.products.edges[0]!.node.sku).toBe(first.sku);
    await page.locator('.result-window', { hasText: first.sku }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'explorer.png') });

    // Scripts, styles, editor workers and the API: all from the service, nothing from a CDN.
    expect(browser.requests).toContain(`${origin}${EXPLORER_ASSETS_PATH}/yoga-graphiql.umd.js`);
    expect(browser.requests.some((url) => url.includes('/monacoeditorwork/'))).toBe(true);
    expect(requestsLeaving(browser.requests, origin)).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });

  it('is off in production: no page, no assets', async () => {
    const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('YogaGraphiQL');
    // HEAD: an unread 5 MB body would keep the response in flight and the server's stop waiting.
    const bundle = (url: string) => fetch(`${url}${EXPLORER_ASSETS_PATH}/yoga-graphiql.umd.js`, { method: 'HEAD' });
    expect((await bundle(production.url)).status).toBe(404);
    expect((await bundle(api.url)).status).toBe(200);
  });
});
