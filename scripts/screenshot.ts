// Look at a page as a person would: `node --import tsx scripts/screenshot.ts <url> <out.png> [width]`.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser.ts';

const [url, out, width = '1280'] = process.argv.slice(2);
if (!url || !out) {
  process.stderr.write('Cách dùng: screenshot <url> <tệp.png> [chiều rộng]\n');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
