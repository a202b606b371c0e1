// End to end: the snippet `newsletter embed` writes. The host page carries
// the current issue inside the element's declarative shadow root, so its
// stories show before any script runs and without JavaScript; the widget
// then takes the shadow root over with no second paint of different content
// and no layout shift, and updates a snapshot that is out of date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, distDir, sampleIssue } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `newsletter embed` run on `feed`, with the element loading `src`. */
function snippet(feed, src) {
  return execFileSync('cargo', ['run', '--quiet', '-p', 'newsletter-cli', '--', 'embed', feed, '--src', src, '--bundle', '/'], { cwd: root, encoding: 'utf8' });
}

const hostPage = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A host</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>The publisher's own page</h1>${body}<p id="after">After the widget.</p></body></html>`;

let site;
let browser;
let work;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-snapshot-'));
  // An out-of-date snapshot: written when the issue had another title.
  const older = { ...sampleIssue, title: 'An older title, since corrected' };
  fs.writeFileSync(path.join(work, 'older.json'), JSON.stringify(older));
  const pages = {
    '/current.html': hostPage(snippet(path.join(distDir, 'issues', '2025-12-04.json'), '/issues/2025-12-04.json')),
    '/archive.html': hostPage(snippet(path.join(distDir, 'issues', 'index.json'), '/issues/index.json')),
    '/stale.html': hostPage(snippet(path.join(work, 'older.json'), '/issues/2025-12-04.json')),
  };
  const routes = {};
  for (const [name, html] of Object.entries(pages)) {
    routes[name] = (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  }
  site = await serve(routes);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The widget's cards as a reader sees them: headline and body text. */
const shownCards = () => [...document.querySelector('newsletter-widget').shadowRoot.querySelectorAll('article')]
  .filter((card) => card.getClientRects().length > 0)
  .map((card) => card.querySelector('h3').textContent.trim());

test('without JavaScript the snapshot shows every story of the first page, styled', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  const stylesheet = page.waitForResponse((r) => r.url().endsWith('/newsletter-widget.css'));
  await page.goto(`${site.base}/current.html`);
  assert.equal((await stylesheet).status(), 200);
  const cards = await page.evaluate(shownCards);
  assert.equal(cards.length, sampleIssue.items.length);
  assert.equal(cards[0], sampleIssue.items[0].title);
  // Styled by the widget's stylesheet inside the shadow root, not the host's.
  const padding = await page.evaluate(() => getComputedStyle(document.querySelector('newsletter-widget').shadowRoot.querySelector('article')).paddingTop);
  assert.notEqual(padding, '0px');
  // The controls that hold the reader's places cannot act without scripting: not shown.
  assert.equal(await page.evaluate(() => [...document.querySelector('newsletter-widget').shadowRoot.querySelectorAll('.nw-search-input, .nw-chip, .nw-expand-all')]
    .some((control) => control.checkVisibility())), false);
  await page.context().close();
});

/** Records layout shifts and the reader's nw-loaded events, from the first paint. */
const watchShifts = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shifts.push(`${entry.value.toFixed(4)}: ${entry.sources.map((s) => s.node?.className ?? s.node?.nodeName).join(', ')}`);
    }
  }).observe({ type: 'layout-shift', buffered: true });
  window.__loaded = 0;
  document.addEventListener('nw-loaded', () => { window.__loaded += 1; });
};

for (const [viewport, host] of [
  [{ width: 1280, height: 800 }, 'current'], [{ width: 390, height: 844 }, 'current'],
  [{ width: 1280, height: 800 }, 'archive'], [{ width: 390, height: 844 }, 'archive'],
]) {
  test(`at ${viewport.width} px the widget takes the ${host === 'archive' ? 'archive ' : ''}snapshot over with no layout shift and the same stories`, async () => {
    const page = await openPage(browser, { viewport });
    await page.context().addInitScript(watchShifts);
    // Hold the wasm back until the snapshot has been read: the stories are there first.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(`${site.base}/${host}.html`);
    const firstCardTop = () => document.querySelector('newsletter-widget').shadowRoot.querySelector('article').getBoundingClientRect().top;
    const before = await page.evaluate(shownCards);
    const top = await page.evaluate(firstCardTop);
    assert.equal(before.length, sampleIssue.items.length);
    release();
    await page.waitForFunction(() => window.__loaded > 0 && !document.querySelector('newsletter-widget').shadowRoot.getElementById('nw-prerendered'));
    const after = await page.evaluate(shownCards);
    assert.deepEqual(after, before, 'the reader shows the stories the snapshot showed');
    const topAfter = await page.evaluate(firstCardTop);
    assert.ok(Math.abs(topAfter - top) < 1, `the first card stays where it was (${top} → ${topAfter})`);
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift');
    // The reader is live: a topic chip filters.
    await page.locator('newsletter-widget .nw-chip:not(.nw-chip-all)').first().click();
    await page.waitForFunction((n) => document.querySelector('newsletter-widget').shadowRoot.querySelectorAll('article').length < n, before.length);
    assert.deepEqual(page.uncaught, []);
    await page.context().close();
  });

  if (host === 'current') test(`at ${viewport.width} px the demo page's pre-rendered issue gives way with no layout shift`, async () => {
    const page = await openPage(browser, { viewport });
    await page.context().addInitScript(watchShifts);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(`${site.base}/`);
    const firstCardTop = () => document.querySelector('article').getBoundingClientRect().top;
    const top = await page.evaluate(firstCardTop);
    release();
    await page.waitForFunction(() => !document.getElementById('nw-prerendered') && document.querySelector('#nw-reader article'));
    assert.ok(Math.abs((await page.evaluate(firstCardTop)) - top) < 1, 'the first card stays where it was');
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], 'no layout shift');
    assert.deepEqual(page.uncaught, []);
    await page.context().close();
  });
}

test('an out-of-date snapshot is replaced by the issue as it is now', async () => {
  const page = await openPage(browser);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${site.base}/stale.html`);
  const title = () => document.querySelector('newsletter-widget').shadowRoot.querySelector('h1')?.textContent.trim();
  assert.equal(await page.evaluate(title), 'An older title, since corrected');
  release();
  await page.waitForFunction((expected) => document.querySelector('newsletter-widget').shadowRoot.querySelector('h1')?.textContent.trim() === expected, sampleIssue.title);
  assert.equal(await page.evaluate(() => document.querySelector('newsletter-widget').shadowRoot.querySelectorAll('#nw-prerendered').length), 0);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});
