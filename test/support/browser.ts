import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it): no browser download. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

// Headless, and off the network: without these Chromium phones home (updates, sync, field trials).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots land here (git-ignored). */
export const ARTIFACTS = path.resolve('test/artifacts');

export interface TestBrowser {
  context: BrowserContext;
  /** Every URL the browser asked for (pages and their workers), in order. */
  requests: string[];
  /** Uncaught exceptions in pages, and what their console said was refused (CSP) or broken. */
  pageErrors: string[];
  /** A new tab (its own sessionStorage). */
  newPage(): Promise<Page>;
}

/**
 * A Chromium for the calling test file, with a fresh profile (--user-data-dir), launched before its
 * tests and closed after them. Requests to anything but 127.0.0.1 are recorded and refused.
 */
export function useBrowser(): TestBrowser {
  const browser = { requests: [] as string[], pageErrors: [] as string[] } as TestBrowser;
  let profile = '';
  beforeAll(async () => {
    profile = mkdtempSync(path.join(tmpdir(), 'order-service-chromium-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: FLAGS,
      viewport: { width: 1200, height: 900 },
      acceptDownloads: true,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      browser.requests.push(url);
      return new URL(url).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    context.on('page', (page) => {
      page.on('pageerror', (error) => browser.pageErrors.push(error.message));
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to|Uncaught/.test(message.text())) browser.pageErrors.push(message.text());
      });
    });
    Object.assign(browser, { context, newPage: () => context.newPage() });
  });
  afterAll(async () => {
    await browser.context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  return browser;
}

/** Requests that went (or tried to go) anywhere but `origin`. */
export function requestsLeaving(requests: string[], origin: string): string[] {
  return requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}
