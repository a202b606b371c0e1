// End to end: the widget embedded with the one-line snippet in a host page
// with hostile global CSS, the bundle served from another origin under a
// subpath (with CORS), two widgets on one page, attribute changes, and a
// feed without CORS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, forwardHosts, embedReady, distDir, feedsDir, sampleIssue } from './harness.mjs';

const issuesDir = path.join(distDir, 'issues');
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html' };

/** A static server; `mounts` maps URL prefixes to folders. */
async function staticServer(mounts, { cors = false, extra = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (extra[url.pathname]) return extra[url.pathname](req, res);
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    const headers = cors && !url.pathname.startsWith('/nocors/') ? { 'access-control-allow-origin': '*' } : {};
    if (!prefix) return res.writeHead(404, headers).end();
    const file = path.join(mounts[prefix], path.normalize(url.pathname.slice(prefix.length)));
    fs.readFile(file, (err, body) => {
      if (err) return res.writeHead(404, headers).end();
      res.writeHead(200, { ...headers, 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

let cdn;
let host;
let browser;

before(async () => {
  cdn = await staticServer({ '/assets/newsletter/': distDir, '/feeds/': issuesDir, '/nocors/': feedsDir }, { cors: true });
  const page = `<!doctype html>
<html><head><title>A careless blog</title>
<style>
  * { font-family: "Comic Sans MS", cursive !important; }
  html { font-size: 30px; }
  body { color: rgb(255, 0, 0); }
  article, button, form { display: none !important; }
  .nw, .nw-card, h3 { background: lime !important; color: blue !important; }
</style>
<script type="module" src="${cdn.base}/assets/newsletter/newsletter-widget.js"></script>
</head><body>
<p id="host-text">The blog's own words.</p>
<newsletter-widget id="one" src="${cdn.base}/feeds/2025-12-04.json"></newsletter-widget>
<newsletter-widget id="two" src="${cdn.base}/feeds/2025-12-04.json" topics="oncology" theme="dark"></newsletter-widget>
<newsletter-widget id="three" src="${cdn.base}/nocors/plain.json"></newsletter-widget>
</body></html>`;
  // A page whose first widget takes its subscribe settings from `?settings=`.
  const overridePage = (req, res) => {
    const settings = new URL(req.url, 'http://127.0.0.1').searchParams.get('settings').replaceAll('"', '&quot;');
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>Override</title>
      <script type="module" src="${cdn.base}/assets/newsletter/newsletter-widget.js"></script>
      <newsletter-widget id="w" src="${cdn.base}/feeds/2025-12-04.json" subscribe="${settings}"></newsletter-widget>
      <newsletter-widget id="off" src="${cdn.base}/feeds/2025-12-04.json" subscribe="off"></newsletter-widget>`);
  };
  host = await staticServer({}, {
    extra: {
      '/': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page),
      '/override': overridePage,
      '/one': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>One widget</title>
        <script type="module" src="${cdn.base}/assets/newsletter/newsletter-widget.js"></script>
        <newsletter-widget src="${cdn.base}/feeds/2025-12-04.json"></newsletter-widget>`),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await cdn?.close();
  await host?.close();
});

const withTag = (label) => sampleIssue.items.filter((item) => item.tags.includes(label));

test('two widgets render on a hostile page at their own sizes, independently', async () => {
  const page = await openPage(browser);
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(`${host.base}/`);
  await embedReady(page);
  const one = page.locator('#one');
  const two = page.locator('#two');
  await one.locator('article').nth(19).waitFor();
  await two.locator('article').first().waitFor();
  assert.equal(await one.locator('article').count(), 20);
  assert.equal(await two.locator('article').count(), withTag('Oncology').length);
  assert.equal(await two.locator('.nw-chip[aria-pressed="true"] .nw-chip-label').textContent(), 'Oncology');

  const look = await one.locator('article .nw-body p').first().evaluate((p) => {
    const style = getComputedStyle(p);
    const card = getComputedStyle(p.closest('article'));
    return { size: style.fontSize, font: style.fontFamily, display: card.display, background: card.backgroundColor };
  });
  assert.equal(look.size, '17px', 'the host root font size must not scale the widget');
  assert.doesNotMatch(look.font, /Comic Sans/);
  assert.equal(look.display, 'block');
  assert.equal(look.background, 'rgb(255, 255, 255)');
  const darkCard = await two.locator('article').first().evaluate((a) => getComputedStyle(a).backgroundColor);
  assert.equal(darkCard, 'rgb(37, 39, 43)');

  // The widget's styles do not reach the page.
  const hostText = await page.locator('#host-text').evaluate((p) => ({ color: getComputedStyle(p).color, size: getComputedStyle(p).fontSize }));
  assert.deepEqual(hostText, { color: 'rgb(255, 0, 0)', size: '30px' });

  // Filtering one widget leaves the other alone, and the page address too.
  await one.locator('.nw-chip', { hasText: 'China' }).click();
  await page.waitForFunction((n) => document.querySelector('#one').shadowRoot.querySelectorAll('article').length === n, withTag('China').length);
  assert.equal(await two.locator('article').count(), withTag('Oncology').length);
  assert.equal(new URL(page.url()).hash, '');

  // A feed without CORS: a clear message, and the console names the header.
  const alert = page.locator('#three [role="alert"]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Could not reach the feed at .*nocors\/plain\.json.*CORS/);
  assert.ok(consoleErrors.some((e) => e.includes('Access-Control-Allow-Origin')), consoleErrors.join('\n'));
  assert.deepEqual(page.uncaught, []);
});

test('changing an attribute after load updates the widget', async () => {
  const page = await openPage(browser);
  await page.goto(`${host.base}/`);
  await embedReady(page);
  const two = page.locator('#two');
  await two.locator('article').first().waitFor();
  await page.evaluate(() => document.querySelector('#two').setAttribute('topics', 'china'));
  await page.waitForFunction((n) => {
    const root = document.querySelector('#two').shadowRoot;
    return root.querySelector('.nw-chip[aria-pressed="true"] .nw-chip-label')?.textContent === 'China'
      && root.querySelectorAll('article').length === n;
  }, withTag('China').length);
  await page.evaluate(() => document.querySelector('#two').setAttribute('limit', '2'));
  await page.waitForFunction(() => document.querySelector('#two').shadowRoot.querySelectorAll('article').length === 2);
  await two.getByRole('button', { name: /Show all stories/ }).click();
  await page.waitForFunction((n) => document.querySelector('#two').shadowRoot.querySelectorAll('article').length === n, withTag('China').length);
});

test('the subscribe attribute replaces the feed\'s provider settings', async () => {
  const posts = [];
  const providerServer = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      return res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'accept, content-type' }).end();
    }
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      posts.push({ host: req.headers['x-forwarded-host'], path: req.url, body });
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  // The provider's real https address (the only kind the widget accepts),
  // answered by the local server.
  const settings = encodeURIComponent(JSON.stringify({ provider: 'json', url: 'https://formspree.io/f/xyzabc' }));
  const page = await openPage(browser);
  await forwardHosts(page.context(), { 'https://formspree.io': `http://127.0.0.1:${providerServer.address().port}` });
  try {
    await page.goto(`${host.base}/override?settings=${settings}`);
    await embedReady(page);
    const box = page.locator('#w .nw-end .nw-subscribe');
    await box.getByLabel('Email address').fill('reader@example.org');
    await box.getByRole('button', { name: 'Subscribe' }).click();
    await box.locator('.nw-subscribe-done').waitFor();
    assert.deepEqual(posts.map((p) => [p.host, p.path, JSON.parse(p.body)]), [['formspree.io', '/f/xyzabc', { email: 'reader@example.org' }]]);
    // The feed's own title stays; "off" hides the box.
    assert.equal(await box.locator('.nw-subscribe-title').textContent(), 'Join the Community');
    await page.locator('#off article').first().waitFor();
    assert.equal(await page.locator('#off .nw-subscribe').count(), 0);
  } finally {
    await new Promise((resolve) => { providerServer.closeAllConnections(); providerServer.close(resolve); });
  }
});

test('the loader asks for the feed at once, while the wasm downloads, and the widget takes that answer', async () => {
  const page = await openPage(browser);
  const feedRequests = [];
  let wasmFinished = false;
  let feedBeforeWasm = null;
  page.on('requestfinished', (request) => { if (request.url().endsWith('.wasm')) wasmFinished = true; });
  page.on('request', (request) => {
    if (!request.url().endsWith('/feeds/2025-12-04.json')) return;
    feedRequests.push(request.url());
    if (feedBeforeWasm === null) feedBeforeWasm = !wasmFinished;
  });
  await page.goto(`${host.base}/one`);
  await embedReady(page);
  await page.locator('newsletter-widget article').nth(19).waitFor();
  assert.equal(feedBeforeWasm, true, 'the feed was asked for before the wasm arrived');
  assert.equal(feedRequests.length, 1, 'the widget took the loader\'s answer instead of asking again');
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('the loader asks for the wasm beside its JavaScript, not after it', async () => {
  const page = await openPage(browser);
  const wasmAsked = new Promise((resolve) => {
    page.on('request', (request) => { if (request.url().endsWith('_bg.wasm')) resolve(); });
  });
  // The hashed JavaScript is held until the wasm has been asked for: a
  // loader that waited for the one before asking for the other never
  // would, and the bound below fails it.
  let releaseScript;
  const scriptHeld = new Promise((resolve) => { releaseScript = resolve; });
  await page.route(/newsletter-widget-[0-9a-f]+\.js$/, async (route) => {
    await scriptHeld;
    await route.continue();
  });
  // Not until `load`: a held module import delays it in Firefox.
  await page.goto(`${host.base}/one`, { waitUntil: 'commit' });
  await Promise.race([
    wasmAsked,
    new Promise((_, reject) => setTimeout(() => reject(new Error('the wasm was not asked for while its JavaScript was held')), 15000)),
  ]);
  releaseScript();
  await embedReady(page);
  await page.locator('newsletter-widget article').first().waitFor();
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});
