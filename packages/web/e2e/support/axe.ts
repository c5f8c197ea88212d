// Accessibility: axe-core (the engine behind Lighthouse's and Deque's checks) run inside the page. Serious and
// critical violations fail a test; minor and moderate ones are reported by the tools, not the suite.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Violation = { rule: string; impact: string; help: string; nodes: string[] };

/** Runs axe on the page as it is now (WCAG 2.x A and AA and axe's best practices) and answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // Colours are judged as painted: let entry animations (a dialog fading in) end first; spinners never do.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource); // not a <script> tag: the app's CSP (D44) refuses inline scripts
  const results = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } };
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v: Result) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: Result) => ({ rule: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.slice(0, 300)) }));
}
