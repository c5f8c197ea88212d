// Layout checks for the phone journeys: the page never scrolls sideways, and a control is on the screen.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Fails if the document is wider than the window (it would scroll or zoom out sideways). */
export async function expectNoHorizontalScroll(page: Page, width: number): Promise<void> {
  const size = await page.evaluate(() => ({
    innerWidth: window.innerWidth,
    scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
    mainScrollWidth: document.getElementById('main')?.scrollWidth ?? 0,
    mainClientWidth: document.getElementById('main')?.clientWidth ?? 0,
  }));
  // A page wider than the phone makes a mobile browser zoom out, and innerWidth grows with it: pin it to the device.
  expect(size.innerWidth, 'the window is as wide as the phone (no zoomed-out page)').toBe(width);
  expect(size.scrollWidth, 'the document is no wider than the window').toBeLessThanOrEqual(size.innerWidth);
  expect(size.mainScrollWidth, 'the main area is no wider than itself').toBeLessThanOrEqual(size.mainClientWidth);
}

/** Fails unless the element is visible and lies wholly inside the window, without scrolling. */
export async function expectInViewport(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize();
  if (!box || !viewport) throw new Error(`${locator} has no box on the page`);
  const where = `${locator} at x ${box.x.toFixed(0)}–${(box.x + box.width).toFixed(0)}, y ${box.y.toFixed(0)}–${(box.y + box.height).toFixed(0)} in ${viewport.width}×${viewport.height}`;
  expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5, where).toBe(true);
}

/** Fails unless the element, once scrolled to, is visible and fits the window's width. */
export async function expectWithinWidth(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await expectInViewport(locator);
}
