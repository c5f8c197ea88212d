// Chromium through playwright-core (Debian's /usr/bin/chromium), one browser per spec file, one context per person.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Actor } from './api.ts';

export const VIEWPORT = { width: 1280, height: 800 };
/** A phone as the browser tests emulate it: 390×844 CSS pixels (an iPhone 12 to 15), touch, a 3× screen. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 } satisfies BrowserContextOptions;
/** The narrowest screen the app is laid out for: 360×740 (many Android phones). */
export const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 740 } } satisfies BrowserContextOptions;
export type Device = 'desktop' | 'phone' | 'small-phone';
const DEVICES: Record<Device, BrowserContextOptions> = { desktop: { viewport: VIEWPORT }, phone: PHONE, 'small-phone': SMALL_PHONE };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Screenshots are taken only on request (`npm run screenshots` sets TANDEM_SCREENSHOTS=1), never by `npm test`. */
export const SCREENSHOTS = process.env.TANDEM_SCREENSHOTS === '1';
export const SCREENSHOT_DIR = process.env.TANDEM_SCREENSHOT_DIR ? resolve(process.env.TANDEM_SCREENSHOT_DIR) : join(root, 'docs/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context for one person, on a laptop or a phone. With an actor, the session cookie is set from an API sign-in. */
export async function openPage(browser: Browser, baseUrl: string, actor?: Actor, device: Device = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...DEVICES[device], locale: 'en-GB', timezoneId: 'UTC' });
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

/**
 * In screenshot mode (TANDEM_SCREENSHOTS=1), saves a picture of the page as it is, at its viewport's size in CSS
 * pixels (1280×800, or 390×844 on a phone), to docs/screenshots (or TANDEM_SCREENSHOT_DIR). Otherwise does nothing:
 * tests never rewrite tracked files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(250); // let toasts and dialogs finish their entry animation
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), scale: 'css' });
}
