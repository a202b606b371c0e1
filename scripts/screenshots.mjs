// Takes screenshots of the release bundle at 320, 768 and 1280 px in light
// and dark, into target/screenshots/ (run `trunk build --release` first).
// Usage: node scripts/screenshots.mjs [query]   e.g. '?src=…#topics=oncology'
import fs from 'node:fs';
import { serve, launch } from '../tests/e2e/harness.mjs';

const query = process.argv[2] ?? '';
const out = 'target/screenshots';
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [320, 768, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${server.base}/${query}`);
      await page.locator('.nw:not(.nw-loading)').first().waitFor();
      const file = `${out}/${width}-${colorScheme}.png`;
      await page.screenshot({ path: file, fullPage: false });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
