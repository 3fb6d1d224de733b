// The shared page components (src/web/components/examples.tsx) each on a page of their own, with
// the portal's stylesheet, in a real Chromium: axe-core finds no WCAG 2.1 A/AA violation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { renderToString } from 'preact-render-to-string';
import { EXAMPLES } from '../../src/web/components/examples.tsx';
import { axeViolations, describeViolations, launchBrowser } from '../helpers/browser.ts';

const CSS = readFileSync(new URL('../../src/web/assets/site.css', import.meta.url), 'utf8');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function examplePage(name: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escape(name)}</title><style>${CSS}</style></head><body><main id="main"><div class="container"><h1>${escape(name)}</h1>${body}</div></main></body></html>`;
}

describe('shared page components in Chromium', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('every shared component example has a unique name and renders something', () => {
    assert.equal(new Set(EXAMPLES.map((e) => e.name)).size, EXAMPLES.length);
    for (const e of EXAMPLES) assert.ok(renderToString(e.render()).length > 0, e.name);
  });

  test("every shared component's examples pass axe (WCAG 2.1 AA) on a wide screen and on a phone", async () => {
    const failures: string[] = [];
    for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 740 }]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      for (const example of EXAMPLES) {
        await page.setContent(examplePage(example.name, renderToString(example.render())));
        const violations = await axeViolations(page);
        if (violations.length) failures.push(`${example.name} at ${viewport.width}px:\n${describeViolations(violations)}`);
      }
      await context.close();
    }
    assert.deepEqual(failures, []);
  });

  test('a list of records shows each cell labelled by its column on a phone, and a table of figures scrolls in its own region', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const cards = EXAMPLES.find((e) => e.name.startsWith('DataTable: records as cards'))!;
    await page.setContent(examplePage(cards.name, renderToString(cards.render())));
    const cell = page.locator('tbody tr').first().locator('td').first();
    assert.equal(await cell.getAttribute('data-label'), 'Thủ tục');
    assert.match(await cell.evaluate((td) => getComputedStyle(td, '::before').content), /Thủ tục: /);
    assert.equal(await page.locator('td[data-label="Thao tác"]').count(), 0, 'the column of buttons has no label');
    const figures = EXAMPLES.find((e) => e.name.startsWith('DataTable: figures'))!;
    await page.setContent(examplePage(figures.name, renderToString(figures.render())));
    const region = page.getByRole('region', { name: 'Bảng hồ sơ theo tháng' });
    assert.equal(await region.getAttribute('tabindex'), '0', 'keyboard users can scroll it');
    assert.equal(await page.locator('td.numeric').first().evaluate((td) => getComputedStyle(td).textAlign), 'right');
    await context.close();
  });
});
