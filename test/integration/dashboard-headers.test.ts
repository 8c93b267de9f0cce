/**
 * GET /dashboard without a browser: the page and its assets carry the headers that keep a token
 * pasted into it on this origin (test/browser/dashboard.test.ts drives the page itself).
 */
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';

const api = useTestApi({ production: true });

const STRICT = {
  'content-security-policy': expect.stringMatching(/^default-src 'none'; script-src 'self';.*connect-src 'self';.*frame-ancestors 'none'$/),
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

describe('/dashboard', () => {
  it('serves the page (also in production) and its script with a strict CSP, no referrer and nosniff', async () => {
    for (const path of ['/dashboard', '/dashboard/assets/app.js']) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(Object.fromEntries(response.headers), path).toMatchObject(STRICT);
      await response.arrayBuffer();
    }
  });

  it('answers an unknown asset with a JSON 404', async () => {
    const response = await fetch(`${api.url}/dashboard/assets/nothing.js`);
    expect([response.status, response.headers.get('content-type')]).toEqual([404, expect.stringMatching(/json/)]);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });
});
