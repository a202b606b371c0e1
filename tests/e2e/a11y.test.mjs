// Accessibility: axe-core in headless Chromium on the release bundle, in each
// state a reader can reach, in light and dark: zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serve, launch, openPage, forwardHosts, readerReady, sampleIssue } from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let server;
let browser;

before(async () => {
  // Providers must be on https: the form posts to Formspree's address, which
  // the browser context forwards to this server (harness `forwardHosts`).
  const feed = JSON.stringify({
    ...sampleIssue,
    _newsletter: { ...sampleIssue._newsletter, subscribe: { ...sampleIssue._newsletter.subscribe, provider: 'json', url: 'https://formspree.io/a11y/subscribe' } },
  });
  // An archive of two issues, and the sample in German.
  const older = JSON.stringify({ ...sampleIssue, title: 'Week 5 of November 2025' });
  const archive = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Newsletter',
    _newsletter: { name: 'Newsletter', kind: 'index' },
    items: [
      { id: 'new', title: sampleIssue.title, date_published: '2025-12-04T00:00:00Z', url: '/a11y/feed.json' },
      { id: 'old', title: 'Week 5 of November 2025', date_published: '2025-11-27T00:00:00Z', url: '/a11y/older.json' },
    ],
  });
  const german = JSON.stringify({ ...sampleIssue, language: 'de-DE' });
  server = await serve({
    '/a11y/older.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(older),
    '/a11y/archive.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(archive),
    '/a11y/de.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(german),
    '/a11y/feed.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed),
    '/a11y/subscribe': (req, res) => (req.method === 'OPTIONS'
      ? res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'accept, content-type' }).end()
      : res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end('{"ok":true}')),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

const states = {
  loaded: async (page) => {
    await page.goto(`${server.base}/?src=a11y/feed.json`);
    await readerReady(page);
    await page.locator('article').nth(19).waitFor();
  },
  archive: async (page) => {
    await page.goto(`${server.base}/`);
    await readerReady(page);
    await page.locator('article').nth(19).waitFor();
  },
  // The demo page before its wasm has arrived: the pre-rendered issue.
  'pre-rendered': async (page) => {
    await page.route('**/*_bg.wasm', (route) => route.abort());
    await page.goto(`${server.base}/`);
    await page.locator('#nw-prerendered article').nth(19).waitFor();
  },
  filtered: async (page) => {
    await states.loaded(page);
    await page.locator('.nw-chip', { hasText: 'Oncology' }).click();
    await page.waitForFunction(() => document.querySelectorAll('article').length < 20);
  },
  'empty result': async (page) => {
    await states.loaded(page);
    await page.getByLabel('Search stories').fill('nothing matches this');
    await page.getByRole('button', { name: 'Clear filters' }).waitFor();
  },
  'form error': async (page) => {
    await states.loaded(page);
    const box = page.locator('.nw-end .nw-subscribe');
    await box.getByLabel('Email address').fill('not an email');
    await box.getByRole('button', { name: 'Subscribe' }).click();
    await box.locator('.nw-field-error').waitFor();
  },
  'form success': async (page) => {
    await states.loaded(page);
    const box = page.locator('.nw-end .nw-subscribe');
    await box.getByLabel('Email address').fill('reader@example.org');
    await box.getByRole('button', { name: 'Subscribe' }).click();
    await box.locator('.nw-subscribe-done').waitFor();
  },
  'error feed': async (page) => {
    await page.goto(`${server.base}/?src=feeds/not-json.json`);
    await readerReady(page);
    await page.locator('[role="alert"]').waitFor();
  },
  'story link hidden by filters': async (page) => {
    await page.goto(`${server.base}/?src=a11y/feed.json#topics=oncology&story=eu-bioeconomy-strategy`);
    await page.locator('.nw-linked-note').waitFor();
    await page.waitForFunction(() => document.activeElement?.matches('.nw-headline'));
  },
  'link copied': async (page) => {
    await states.loaded(page);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    await page.locator('article .nw-copy-link').first().click();
    await page.locator('.nw-copy-link[data-done]').waitFor();
  },
  'intro and a story opened': async (page) => {
    await states.loaded(page);
    await page.getByText('Read the intro').click();
    await page.locator('article summary').first().click();
    await page.locator('.nw-intro details[open]').waitFor();
  },
  'archive of two issues, the older one': async (page) => {
    await page.goto(`${server.base}/?src=a11y/archive.json#issue=old`);
    await page.locator('.nw-archive-top').waitFor();
    await page.getByRole('navigation', { name: 'More issues' }).waitFor();
  },
  'phone, scrolled, topics stuck': async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await states.loaded(page);
    await page.locator('article').nth(12).scrollIntoViewIfNeeded();
    await page.locator('.nw-chip', { hasText: 'China' }).click();
    await page.waitForFunction(() => document.querySelectorAll('article').length < 20);
  },
  german: async (page) => {
    await page.goto(`${server.base}/?src=a11y/de.json`);
    await readerReady(page);
    await page.locator('article').nth(19).waitFor();
  },
  // Search across issues (issue 16), on the demo archive and its index.
  'all issues, results': async (page) => {
    await page.goto(`${server.base}/#scope=all&q=gene`);
    await page.locator('.nw-archive-hit mark').first().waitFor();
  },
  'all issues, a topic': async (page) => {
    await page.goto(`${server.base}/#scope=all&topics=oncology`);
    await page.locator('.nw-archive-hit').first().waitFor();
  },
  'all issues, before a search': async (page) => {
    await page.goto(`${server.base}/#scope=all`);
    await page.locator('.nw-chip', { hasText: 'Oncology' }).waitFor();
  },
  'all issues unavailable': async (page) => {
    await page.goto(`${server.base}/?src=a11y/archive.json#scope=all&q=gene`);
    await page.locator('.nw-archive-unavailable').waitFor();
    await page.locator('article').first().waitFor();
  },
  'skipped stories': async (page) => {
    await page.goto(`${server.base}/?src=feeds/ids.json`);
    await readerReady(page);
    await page.locator('article').first().waitFor();
  },
};

for (const colorScheme of ['light', 'dark']) {
  for (const [state, reach] of Object.entries(states)) {
    test(`axe finds no violations: ${state}, ${colorScheme}`, async () => {
      const page = await openPage(browser, { colorScheme });
      await forwardHosts(page.context(), { 'https://formspree.io': server.base });
      await reach(page);
      assert.deepEqual(await violations(page), []);
      await page.context().close();
    });
  }
}
