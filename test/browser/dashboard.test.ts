import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createClient, RevenueByDayDocument, RevenueByMonthDocument, TopProductsDocument } from '../../src/client';
import { signAccessToken } from '../../src/graphql/auth';
import { SMALL_SHOP, useTestApi } from '../support/api';
import { TEST_JWT_SECRET } from '../support/server';
import { ARTIFACTS, hasChromium, requestsLeaving, useBrowser } from '../support/browser';

// A small deterministic shop; reports time out after 1 s (for the timeout message).
const api = useTestApi({ seed: { ...SMALL_SHOP, orders: 300, seed: 11 }, reportTimeoutMs: 1_000 });
const browser = useBrowser();

const FILTERS = { timeZone: 'Europe/Paris', year: '2026', first: '2026-03-01', last: '2026-04-30', limit: '5' };
// The same days as instants: Paris is UTC+1 on 1 March and UTC+2 on 1 May.
const RANGE = { from: '2026-02-28T23:00:00.000Z', to: '2026-04-30T22:00:00.000Z' };

/** Exact sum of decimal strings with two places, in cents. */
const cents = (values: string[]) => values.reduce((sum, value) => sum + BigInt(value.replace('.', '')), 0n);
const money = (total: bigint) => `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;

async function tableRows(page: Page, selector: string): Promise<string[][]> {
  return Promise.all((await page.locator(`${selector} tr`).all()).map((row) => row.locator('td, th').allTextContents()));
}

/** What the tab keeps in sessionStorage (evaluated in the page, hence a string). */
const sessionValues = (page: Page) => page.evaluate<string[]>('Object.values(sessionStorage)');

/** Clicks a report's "Download CSV" and returns the file's rows (header first). */
async function downloadCsv(page: Page, report: string): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${report} button.csv`)]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  expect(text.endsWith('\r\n')).toBe(true);
  // No quoted fields in these reports: product names from the seed have no commas or quotes.
  return {
    name: download.suggestedFilename(),
    rows: text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(',')),
  };
}

async function waitForRun(page: Page, run: number) {
  for (const report of ['monthly', 'daily', 'top']) await page.locator(`#${report}[data-run="${run}"]`).waitFor({ state: 'attached' });
}

describe.skipIf(!hasChromium)('the analysts’ dashboard (GET /dashboard) in Chromium', () => {
  it('signed in as the seeded analyst, shows the numbers the API returns, in tables and CSV files', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/dashboard#token=${api.tokens.analyst}`);
    await waitForRun(page, 1);
    // The token left the address bar for the tab's sessionStorage.
    expect(page.url()).toBe(`${api.url}/dashboard`);
    expect(await sessionValues(page)).toEqual([api.tokens.analyst]);
    await expect(page.locator('#viewer').textContent()).resolves.toBe('analyst@example.com (analyst)');

    for (const [name, value] of Object.entries(FILTERS)) await page.fill(`#filters [name="${name}"]`, value);
    await page.click('#filters button[type="submit"]');
    await waitForRun(page, 2);
    await page.click('#daily summary');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });

    const analyst = createClient({ url: `${api.url}/graphql`, token: api.tokens.analyst });
    const months = (await analyst.request(RevenueByMonthDocument, { year: 2026, timeZone: FILTERS.timeZone })).revenueByMonth;
    const days = (await analyst.request(RevenueByDayDocument, { ...RANGE, timeZone: FILTERS.timeZone })).revenueByDay;
    const top = (await analyst.request(TopProductsDocument, { ...RANGE, limit: 5 })).topProducts;
    expect(months.length).toBeGreaterThan(6);
    expect(days.length).toBeGreaterThan(10);
    expect(top).toHaveLength(5);

    // Table cells: the API's strings, as they are.
    const monthLines = months.map((row) => [row.month, row.revenue, String(row.orderCount), String(row.itemsSold)]);
    expect(await tableRows(page, '#monthly tbody')).toEqual(monthLines);
    expect((await tableRows(page, '#monthly tfoot'))[0]![1]).toBe(money(cents(months.map((row) => row.revenue))));
    expect(await tableRows(page, '#daily tbody')).toEqual(days.map((row) => [row.day, row.revenue, String(row.orderCount)]));
    const topLines = top.map((row) => [row.productName, row.product!.sku, String(row.unitsSold), row.revenue]);
    expect(await tableRows(page, '#top tbody')).toEqual(topLines);

    // CSV files: exactly the rows shown, summing to the API's total to the cent.
    const monthly = await downloadCsv(page, 'monthly');
    expect(monthly.name).toBe('revenue-by-month-2026-Europe_Paris.csv');
    expect(monthly.rows).toEqual([['month', 'revenue', 'orderCount', 'itemsSold'], ...monthLines]);
    expect(cents(monthly.rows.slice(1).map((row) => row[1]!))).toBe(cents(months.map((row) => row.revenue)));
    const daily = await downloadCsv(page, 'daily');
    expect(daily.rows[0]).toEqual(['day', 'revenue', 'orderCount']);
    expect(cents(daily.rows.slice(1).map((row) => row[1]!))).toBe(cents(days.map((row) => row.revenue)));
    expect((await downloadCsv(page, 'top')).rows).toEqual([['productName', 'sku', 'unitsSold', 'revenue'], ...topLines]);

    expect(requestsLeaving(browser.requests, new URL(api.url).origin)).toEqual([]);
    expect(browser.pageErrors).toEqual([]); // the page keeps to its Content-Security-Policy
    await page.close();
  });

  it('refuses a customer’s token, an expired one and none, with a message', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/dashboard`);
    const signIn = async (token: string, message: string) => {
      await page.getByLabel('Access token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#sign-in-message.error', { hasText: message }).waitFor();
    };
    await signIn(api.tokens.alice, 'This access token belongs to alice@example.com, a customer');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-customer.png') });
    await signIn(await signAccessToken(TEST_JWT_SECRET, 2, -60), 'This access token expired on');
    await signIn('not-a-token', 'This access token was refused');
    await signIn('', 'Paste an access token first');
    expect(await page.locator('#reports').isHidden()).toBe(true);
    expect(await sessionValues(page)).toEqual([]);
    await page.close();
  });

  it('says when a report ran out of time', async () => {
    // Another session holds a lock the reports must wait for: the wait counts against their 1 s timeout.
    const locker = await api.handle.pool.connect();
    const page = await browser.newPage();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE order_items IN ACCESS EXCLUSIVE MODE');
      await page.goto(`${api.url}/dashboard#token=${api.tokens.analyst}`);
      await waitForRun(page, 1);
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    expect(await page.locator('#monthly').getAttribute('data-state')).toBe('error');
    expect(await page.locator('#monthly .message').textContent()).toBe(
      'The report ran out of time (1 s). Choose a shorter range and try again.',
    );
    await page.close();
  });
});
