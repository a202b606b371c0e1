// Web quality: Lighthouse 12.2.3 on the demo page (release bundle served on
// 127.0.0.1, Debian's Chromium): Accessibility, Best Practices and SEO at 100.
// Performance is reported (see docs/performance.md), not asserted.
// Lighthouse drives Chromium only: in the Firefox and WebKit runs this file
// is skipped, and a11y.test.mjs checks the same pages with axe there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve, engine } from './harness.mjs';

const skip = engine !== 'chromium' && 'Lighthouse drives Chromium only';

let server;
let chrome;

before(async () => {
  if (skip) return;
  server = await serve();
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await chrome?.kill();
  await server?.close();
});

test('Lighthouse (Chromium only): accessibility, best practices and SEO score 100 on the demo page', { skip }, async () => {
  const result = await lighthouse(`${server.base}/`, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  const { categories, audits } = result.lhr;
  const scores = Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, Math.round(c.score * 100)]));
  console.log(`Lighthouse scores: ${JSON.stringify(scores)}; LCP ${audits['largest-contentful-paint'].displayValue}, TBT ${audits['total-blocking-time'].displayValue}, CLS ${audits['cumulative-layout-shift'].displayValue}, FCP ${audits['first-contentful-paint'].displayValue}`);
  const failing = ['accessibility', 'best-practices', 'seo'].flatMap((id) => categories[id].auditRefs
    .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
    .map((ref) => `${id}: ${ref.id}: ${audits[ref.id].title}`));
  assert.deepEqual(failing, []);
  assert.deepEqual([scores.accessibility, scores['best-practices'], scores.seo], [100, 100, 100]);
});
