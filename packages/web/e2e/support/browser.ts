// Chromium through playwright-core (Debian's /usr/bin/chromium), one browser per spec file, one context per person.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Actor } from './api.ts';

export const VIEWPORT = { width: 1280, height: 800 };
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SCREENSHOT_DIR = join(root, 'docs/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context for one person. With an actor, the session cookie is set from an API sign-in. */
export async function openPage(browser: Browser, baseUrl: string, actor?: Actor): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', timezoneId: 'UTC' });
  context.setDefaultTimeout(10_000);
  if (actor) {
    await context.addCookies([
      { name: 'tandem_session', value: actor.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
      { name: 'tandem_csrf', value: `e2e-${actor.user.id}`, url: baseUrl, sameSite: 'Lax' },
    ]);
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return { context, page };
}

/** Saves a 1280×800 picture of the page for docs/screenshots (linked from the README). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(250); // let toasts and dialogs finish their entry animation
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
