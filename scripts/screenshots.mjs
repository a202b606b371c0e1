// Takes screenshots of the release bundle in Chromium, Firefox and WebKit,
// at 320, 768 and 1280 px, light and dark, into target/screenshots/<engine>/
// (run `trunk build --release` first).
// Usage: node scripts/screenshots.mjs [query] [--engine NAME]
//   e.g. node scripts/screenshots.mjs '?src=…#topics=oncology' --engine webkit
// Without --engine it runs itself once per engine (WebKit under xvfb-run).
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const engineAt = args.indexOf('--engine');
const engines = engineAt >= 0 ? [args[engineAt + 1]] : ['chromium', 'firefox', 'webkit'];
const query = args.filter((_, i) => i !== engineAt && i !== engineAt + 1)[0] ?? '';

if (!process.env.ENGINE) {
  let failed = false;
  for (const engine of engines) {
    const self = [fileURLToPath(import.meta.url), query];
    const [command, commandArgs] = engine === 'webkit'
      ? ['xvfb-run', ['-a', '-s', '-screen 0 1920x1200x24', process.execPath, ...self]]
      : [process.execPath, self];
    const run = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ENGINE: engine } });
    failed ||= run.status !== 0;
  }
  process.exit(failed ? 1 : 0);
}

const { serve, launch, engine, readerReady } = await import('../tests/e2e/harness.mjs');
const out = `target/screenshots/${engine}`;
fs.mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [320, 768, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${server.base}/${query}`);
      await page.locator('.nw:not(.nw-loading)').first().waitFor();
      // The demo page: once the reader has taken its painted issue over.
      if (await page.locator('#newsletter-widget-page').count()) await readerReady(page);
      const file = `${out}/${width}-${colorScheme}.png`;
      const shown = await page.evaluate(() => innerWidth);
      await page.screenshot({ path: file, fullPage: false });
      console.log(shown === width ? file : `${file} (the window is ${shown} px wide at its narrowest)`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
