// End to end: the real feeds in ../shared/corpus/feeds/ (unedited JSON Feeds
// from public sites, read in place, never copied here), each opened in the
// reader. Every item with something to show is shown, no character
// reference reaches a reader as text, pictures show, and the console stays
// free of errors. Pictures' hosts are answered by the browser context with
// a 1×1 PNG: nothing leaves the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, readerReady } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'feeds');
const feeds = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((f) => f.endsWith('.json')).sort() : [];
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let site;
let browser;

before(async () => {
  if (!feeds.length) return;
  const routes = {};
  for (const name of feeds) {
    routes[`/corpus/${name}`] = (req, res) => res.writeHead(200, { 'content-type': 'application/json' })
      .end(fs.readFileSync(path.join(corpus, name)));
  }
  site = await serve(routes);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** What the feed has to show, as the reader counts it: items with an id used once and any content. */
function showable(feed) {
  const seen = new Set();
  let count = 0;
  let pictures = 0;
  for (const item of feed.items ?? []) {
    const id = typeof item.id === 'number' ? String(item.id) : typeof item.id === 'string' ? item.id.trim() : '';
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const text = (key) => typeof item[key] === 'string' && item[key].trim() !== '';
    if (text('title') || text('summary') || text('content_text') || text('content_html') || text('image')) count += 1;
    if (/^https:/.test(item.image ?? '') || /<img[^>]+src="https:/i.test(item.content_html ?? '')) pictures += 1;
  }
  return { count, pictures };
}

if (!feeds.length) {
  test('the real-feed corpus', { skip: `../shared/corpus/feeds is absent (${corpus}): these tests read it in place` }, () => {});
}

for (const name of feeds) {
  test(`a real feed shows whole: ${name}`, async () => {
    const feed = JSON.parse(fs.readFileSync(path.join(corpus, name), 'utf8'));
    const expected = showable(feed);
    const page = await openPage(browser);
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.context().route((url) => !url.href.startsWith(site.base), (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }));
    await page.goto(`${site.base}/?src=corpus/${name}`);
    await readerReady(page);
    await page.locator('article').first().waitFor();
    // Every story, page after page.
    for (;;) {
      const more = page.locator('.nw-show-more');
      if (!(await more.count())) break;
      const before = await page.locator('article').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('article').length > n, before);
    }
    assert.equal(await page.locator('article').count(), expected.count, `${name}: stories shown`);
    // Character references are decoded: none reaches a reader as text.
    const text = await page.locator('.nw').first().innerText();
    const literal = text.match(/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});/i);
    assert.equal(literal, null, `${name}: a literal ${literal?.[0]} reached the reader`);
    // Pictures from https: show (every story with one has at least one).
    if (expected.pictures) {
      const shown = await page.locator('article img[src^="https:"]').count();
      assert.ok(shown >= expected.pictures, `${name}: ${shown} pictures shown for ${expected.pictures} stories with one`);
    }
    assert.deepEqual(page.uncaught, []);
    assert.deepEqual(errors, [], `${name}: console errors`);
    await page.context().close();
  });
}
