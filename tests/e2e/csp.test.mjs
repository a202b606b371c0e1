// End to end: a host page that sends the strictest policy a security-minded
// site uses, with Trusted Types enforced. The embedded widget renders,
// filters, searches and subscribes with no violation and no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, embedReady, readerReady, sampleIssue, distDir, lacks, textAfterMailto } from './harness.mjs';

const POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; "
  + "img-src 'self' https:; require-trusted-types-for 'script'; trusted-types newsletter-widget";

let site;
let browser;

before(async () => {
  const feed = JSON.stringify({
    ...sampleIssue,
    _newsletter: { ...sampleIssue._newsletter, subscribe: { title: 'Join', provider: 'mailto', address: 'editor@example.org' } },
  });
  site = await serve({
    // The browser asks every host for one; this host has none to give.
    '/favicon.ico': (req, res) => res.writeHead(204).end(),
    '/strict/feed.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(feed),
    // The demo page as the build wrote it, beside the bundle's files; its
    // icon is `data:,` (docs/embedding.md says to allow `data:` or replace it).
    '/strict-demo.html': (req, res) => res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': POLICY.replace("img-src 'self' https:", "img-src 'self' https: data:"),
    }).end(fs.readFileSync(path.join(distDir, 'index.html'))),
    '/strict/host.html': (req, res) => res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': POLICY,
    }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A strict host</title>
<script type="module" src="/newsletter-widget.js"></script></head>
<body><newsletter-widget src="/strict/feed.json"></newsletter-widget></body></html>`),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * A page that keeps the policy's violations (reported as events on the
 * document, read back as `window.__violations`) and the console's errors
 * and warnings.
 */
async function watchedPage() {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const consoleProblems = [];
  page.on('console', (message) => { if (['error', 'warning'].includes(message.type())) consoleProblems.push(message.text()); });
  return { page, consoleProblems };
}

test('under a strict policy with Trusted Types the widget renders, filters, searches and subscribes, with no violation', async () => {
  const { page, consoleProblems } = await watchedPage();
  await page.goto(`${site.base}/strict/host.html`);
  await embedReady(page);
  const widget = page.locator('newsletter-widget');
  await widget.locator('article').nth(19).waitFor();
  // The static parts (masthead, intro) came through the same door.
  assert.equal(await widget.locator('h1').count(), 1);
  assert.ok((await widget.locator('.nw-intro').textContent()).length > 100);

  const oncology = sampleIssue.items.filter((item) => item.tags.includes('Oncology')).length;
  await widget.locator('.nw-chip', { hasText: 'Oncology' }).click();
  await page.waitForFunction((n) => document.querySelector('newsletter-widget').shadowRoot.querySelectorAll('article').length === n, oncology);

  await widget.getByRole('button', { name: 'All topics' }).click();
  await widget.getByLabel('Search stories').fill('FDA');
  await widget.locator('article mark').first().waitFor();

  // Subscribing by email (the one provider this policy's connect-src allows).
  if (!lacks('mailto')) {
    const box = widget.locator('.nw-end .nw-subscribe');
    await box.getByLabel('Email address').fill('reader@example.org');
    // The mailto: navigation it starts never finishes in Firefox: no waiting on it.
    await box.getByRole('button', { name: 'Subscribe' }).click({ noWaitAfter: true });
    await textAfterMailto(page, 'newsletter-widget', '.nw-end .nw-subscribe', '.nw-subscribe-done');
  }

  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(consoleProblems.filter((text) => !text.includes('mailto:')), []);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

for (const [view, query] of [['its pre-rendered issue', ''], ['a feed named in the address (?src=)', '?src=issues/2025-12-04.json']]) {
  test(`the demo page, served under the strict policy, starts its reader on ${view} with no violation`, async () => {
    const { page, consoleProblems } = await watchedPage();
    await page.goto(`${site.base}/strict-demo.html${query}`);
    await readerReady(page);
    // The reader is live: a search marks its words.
    await page.getByLabel('Search stories').fill('FDA');
    await page.locator('article mark').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(consoleProblems, []);
    assert.deepEqual(page.uncaught, []);
    await page.context().close();
  });
}
