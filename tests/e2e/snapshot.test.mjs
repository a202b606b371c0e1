// End to end: the snippet `newsletter embed` writes. The host page carries
// the current issue inside the element's declarative shadow root, so its
// stories show before any script runs and without JavaScript; the widget
// then takes the shadow root over with no second paint of different content
// and no layout shift, and updates a snapshot that is out of date. Without
// a snapshot (a host page with only the loader and the element, or the demo
// page with ?src=), the widget paints the feed's first page itself as soon
// as the feed is read, before its reader renders, and hands over the same
// way.
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
let releaseFeed;
const feedHeld = new Promise((resolve) => { releaseFeed = resolve; });

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-snapshot-'));
  // An out-of-date snapshot: written when the issue had another title.
  const older = { ...sampleIssue, title: 'An older title, since corrected' };
  fs.writeFileSync(path.join(work, 'older.json'), JSON.stringify(older));
  const pages = {
    '/current.html': hostPage(snippet(path.join(distDir, 'issues', '2025-12-04.json'), '/issues/2025-12-04.json')),
    '/archive.html': hostPage(snippet(path.join(distDir, 'issues', 'index.json'), '/issues/index.json')),
    '/stale.html': hostPage(snippet(path.join(work, 'older.json'), '/issues/2025-12-04.json')),
    '/loader.html': hostPage('<script type="module" src="/newsletter-widget.js"></script><newsletter-widget src="/issues/2025-12-04.json"></newsletter-widget>'),
    '/held.html': hostPage('<script type="module" src="/newsletter-widget.js"></script><newsletter-widget src="/held.json"></newsletter-widget>'),
  };
  const routes = {
    // A feed that answers only when the test says so.
    '/held.json': async (req, res) => {
      await feedHeld;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sampleIssue));
    },
  };
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

test('where the reader cannot start (its wasm fails), the snapshot stays readable and the console says why', async () => {
  const page = await openPage(browser);
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto(`${site.base}/current.html`);
  // The element has given up: its start settled (`starting` cleared) with no reader.
  await page.waitForFunction(() => {
    const host = document.querySelector('newsletter-widget');
    return host.starting === null && !host.widget;
  });
  assert.ok(errors.some((text) => text.includes('newsletter-widget: could not start')), `the console names the failure: ${errors.join(' | ')}`);
  assert.deepEqual(await page.evaluate(shownCards), sampleIssue.items.map((item) => item.title));
  assert.equal(await page.locator('newsletter-widget').evaluate((host) => host.shadowRoot.textContent.includes('could not be loaded')), false);
  await page.context().close();
});

/**
 * Records layout shifts and the reader's nw-loaded events, from the first
 * paint. A shift scored under 0.001 is a fraction of a pixel here (seen
 * once in many runs, 0.0001 at 390 px, from sub-pixel rounding) and no
 * reader sees it; anything larger counts.
 */
const watchShifts = () => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput && entry.value >= 0.001) {
        window.__shifts.push(`${entry.value.toFixed(4)}: ${entry.sources.map((s) => `${s.node?.nodeName}.${s.node?.className}`).join(', ')}`);
      }
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

/**
 * Records, at the first frame that shows a story card, whether the reader
 * had rendered anything yet: the page's reader element, or the widget's
 * hidden reader root in its shadow root.
 */
const watchFirstCard = () => {
  window.__firstCard = null;
  // Shifts after the first card: the handover's. (The element growing from
  // nothing when its first content comes moves what follows it on the
  // host page; a snapshot, which has its height from the start, avoids that.)
  window.__laterShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput && entry.value >= 0.001 && window.__firstCard?.at && entry.startTime > window.__firstCard.at) window.__laterShifts.push(entry.value);
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const look = () => {
    const host = document.querySelector('newsletter-widget');
    const scope = host ? host.shadowRoot : document;
    const card = scope && [...scope.querySelectorAll('article')].find((a) => a.checkVisibility());
    if (card) {
      const reader = host ? [...scope.children].find((c) => c.localName === 'div' && c.hidden) : document.getElementById('nw-reader');
      window.__firstCard = {
        painted: Boolean(card.closest('#nw-prerendered')),
        readerRendered: Boolean(reader && reader.childElementCount),
        top: card.getBoundingClientRect().top,
      };
      // Shifts from the next frame on: those of the frame that showed the
      // first card (the element growing) have their time before this.
      requestAnimationFrame(() => { window.__firstCard.at = performance.now(); });
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  for (const [where, address] of [['a host page with only the loader', '/loader.html'], ['the demo page with ?src=', '/?src=issues/2025-12-04.json']]) {
    test(`at ${viewport.width} px, on ${where}, the first page is painted before the reader renders, then handed over with no layout shift`, async () => {
      const page = await openPage(browser, { viewport });
      await page.context().addInitScript(watchShifts);
      await page.context().addInitScript(watchFirstCard);
      await page.goto(`${site.base}${address}`);
      await page.waitForFunction(() => window.__firstCard?.at);
      const first = await page.evaluate(() => window.__firstCard);
      assert.equal(first.painted, true, 'the first card shown is the painted page\'s');
      assert.equal(first.readerRendered, false, 'the cards came before the reader rendered');
      const embedded = address.endsWith('.html');
      const cards = () => [...(document.querySelector('newsletter-widget')?.shadowRoot ?? document).querySelectorAll('article')]
        .filter((card) => card.checkVisibility()).map((card) => card.querySelector('h3').textContent.trim());
      const before = await page.evaluate(cards);
      assert.deepEqual(before, sampleIssue.items.map((item) => item.title));
      // Handed over: the painted page is gone, the reader shows (an embed also says nw-loaded).
      await page.waitForFunction((embedded) => (embedded
        ? window.__loaded > 0 && !document.querySelector('newsletter-widget').shadowRoot.getElementById('nw-prerendered')
        : !document.getElementById('nw-prerendered') && document.querySelector('#nw-reader:not([hidden]) article')), embedded);
      assert.deepEqual(await page.evaluate(cards), before, 'the reader shows the stories that were painted');
      const top = await page.evaluate(() => [...(document.querySelector('newsletter-widget')?.shadowRoot ?? document).querySelectorAll('article')]
        .find((card) => card.checkVisibility()).getBoundingClientRect().top);
      assert.ok(Math.abs(top - first.top) < 1, `the first card stays where it was (${first.top} → ${top})`);
      assert.deepEqual(await page.evaluate(() => window.__laterShifts), [], 'no layout shift at the handover');
      // The reader is live: a topic chip filters.
      await page.locator('.nw-chip:not(.nw-chip-all)').first().click();
      await page.waitForFunction((n) => (document.querySelector('newsletter-widget')?.shadowRoot ?? document).querySelectorAll('article').length < n, before.length);
      assert.deepEqual(page.uncaught, []);
      await page.context().close();
    });
  }
}

test('without a snapshot, the widget shows its loading state until the feed arrives, then the stories', async () => {
  const page = await openPage(browser);
  await page.goto(`${site.base}/held.html`);
  const shadow = (selector) => page.locator(`newsletter-widget ${selector}`);
  await shadow('[role="status"]').filter({ hasText: 'Loading the newsletter' }).waitFor();
  assert.equal(await shadow('article').count(), 0);
  releaseFeed();
  await shadow('article').nth(19).waitFor();
  await page.waitForFunction(() => !document.querySelector('newsletter-widget').shadowRoot.querySelector('[aria-busy="true"]'));
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});
