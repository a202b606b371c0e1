// End to end: the release bundle built by Trunk, served over HTTP on
// 127.0.0.1, driven in headless Chromium, asserting what a reader sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, readerReady, sampleIssue, feedsDir } from './harness.mjs';

let server;
let browser;
// The feed behind /flaky.json drops the connection while `flakyBroken`.
// (Chromium itself retries a dropped request once, so it stays broken until
// the test says otherwise.)
let flakyBroken = true;
// Requests for /held.json wait until the test releases them.
let releaseHeld;

before(async () => {
  server = await serve({
    '/status/404.json': (req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('gone'),
    '/status/500.json': (req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('oops'),
    '/flaky.json': (req, res) => {
      if (flakyBroken) return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(path.join(feedsDir, 'wrong-types.json')));
    },
    '/held.json': (req, res) => {
      releaseHeld = () => res.writeHead(200, { 'content-type': 'application/json' }).end(fs.readFileSync(path.join(feedsDir, 'ids.json')));
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const open = async (query = '', options = {}) => {
  const page = await openPage(browser, options);
  await page.goto(`${server.base}/${query}`);
  await readerReady(page);
  return page;
};

// Holds the wasm download until the returned function is called.
const holdWasm = async (page) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  return release;
};

test('the newest issue shows before the wasm arrives, and the reader takes it over', async () => {
  const page = await openPage(browser);
  const release = await holdWasm(page);
  await page.goto(`${server.base}/`);
  // Stories, heading and framing are in the page itself.
  assert.equal(await page.locator('article').count(), 20);
  assert.ok(await page.locator('article').first().isVisible());
  assert.equal(await page.locator('h1').textContent(), sampleIssue.title);
  assert.deepEqual(await page.locator('article h3').allTextContents(), sampleIssue.items.map((item) => item.title));
  assert.equal(await page.locator('.nw-loading').isVisible(), false);
  // The filters hold their places, but cannot act before the reader is there.
  assert.ok(await page.locator('.nw-filters[inert] .nw-chip').count() > 0);
  assert.equal(await page.locator('.nw-filters:not([inert]) .nw-chip').count(), 0);
  release();
  await readerReady(page);
  // One issue, the reader's own, with its filters.
  await page.locator('.nw-chip').first().waitFor();
  assert.equal(await page.locator('article').count(), 20);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(await page.locator('article h3').allTextContents(), sampleIssue.items.map((item) => item.title));
  assert.deepEqual(page.uncaught, []);
});

test('an address asking for another view never shows the pre-rendered issue', async () => {
  for (const query of ['#topics=oncology', '?locale=fr', '?src=feeds/plain.json']) {
    const page = await openPage(browser);
    const release = await holdWasm(page);
    await page.goto(`${server.base}/${query}`);
    assert.equal(await page.locator('#nw-prerendered').isVisible(), false, query);
    assert.ok(await page.locator('.nw-loading').isVisible(), query);
    release();
    await readerReady(page);
    await page.locator('article').first().waitFor();
    if (query.startsWith('#topics')) {
      const count = await page.locator('article').count();
      assert.ok(count > 0 && count < 20, `${query}: ${count} stories`);
    }
    await page.close();
  }
});

test('a formatted intro and closing show with their formatting, the intro folded', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=feeds/rich-intro.json`);
  await readerReady(page);
  const intro = page.locator('.nw-intro');
  await intro.waitFor();
  assert.equal(await intro.locator('p em').first().textContent(), 'intro');
  assert.equal(await intro.locator('a').first().getAttribute('href'), 'https://example.org/intro');
  // Folded: the list waits behind "Read the intro".
  assert.equal(await intro.locator('li').first().isVisible(), false);
  await intro.getByText('Read the intro', { exact: true }).click();
  assert.equal(await intro.locator('li').first().isVisible(), true);
  assert.equal(await page.locator('.nw-closing strong').textContent(), 'reading');
  assert.equal(await page.locator('.nw-intro script').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(page.uncaught, []);
});

test('the demo page shows the sample issue: masthead, date, intro, twenty stories, closing', async () => {
  const page = await open();
  await page.locator('article').nth(19).waitFor();
  assert.equal(await page.locator('article').count(), 20);
  const headlines = await page.locator('article h3').allTextContents();
  assert.deepEqual(headlines, sampleIssue.items.map((item) => item.title));
  assert.equal(await page.locator('.nw-name').textContent(), 'Newsletter');
  assert.equal(await page.locator('h1').textContent(), sampleIssue.title);
  assert.equal(await page.locator('time').textContent(), '4 December 2025');
  assert.equal(await page.locator('time').getAttribute('datetime'), '2025-12-04');
  // The intro shows its first lines; "Read the intro" opens the rest.
  assert.equal((await page.locator('.nw-intro p').allTextContents()).join(' '), sampleIssue._newsletter.summary);
  assert.equal(await page.locator('.nw-intro details').getAttribute('open'), null);
  assert.equal(await page.locator('.nw-closing p').textContent(), sampleIssue._newsletter.closing);

  const first = page.locator('article').first();
  // Its first sentences show; the rest opens in place with "Read more".
  const paragraphs = first.locator('.nw-body p');
  assert.equal((await paragraphs.allTextContents()).join(' '), sampleIssue.items[0].content_text);
  assert.ok(await paragraphs.first().isVisible());
  assert.equal(await paragraphs.nth(1).isVisible(), false);
  const toggle = first.locator('summary');
  assert.equal(await toggle.textContent(), 'Read moreShow less');
  assert.ok(await toggle.getByText('Read more').isVisible());
  await toggle.focus();
  await page.keyboard.press('Enter');
  await paragraphs.nth(1).waitFor();
  assert.ok(await toggle.getByText('Show less').isVisible());
  assert.deepEqual(await first.locator('.nw-tag').allTextContents(), sampleIssue.items[0].tags);
  // The sample's source links were lost: each card's sources are one quiet
  // line of labels, and none is a link.
  assert.deepEqual(
    await page.locator('.nw-sources-line').allTextContents(),
    sampleIssue.items.map((item) => `Sources: ${item._newsletter.sources.map((source) => source.title).join(', ')}`),
  );
  assert.equal(await page.locator('.nw-sources a').count(), 0);
  assert.equal(await page.locator('[role="alert"]').count(), 0);
  assert.deepEqual(page.uncaught, []);
});

test('"Expand all stories" opens every folded story, and a search shows matches whole', async () => {
  const page = await open();
  const folded = page.locator('article details.nw-rest:not([open])');
  const count = await folded.count();
  assert.ok(count >= 15, `${count} stories fold`);
  const expand = page.getByRole('button', { name: 'Expand all stories' });
  await expand.click();
  await page.waitForFunction(() => document.querySelectorAll('article details.nw-rest:not([open])').length === 0);
  // Once every story is open, the button offers the way back.
  const collapse = page.getByRole('button', { name: 'Collapse all stories' });
  assert.equal(await expand.count(), 0);
  await collapse.click();
  await page.waitForFunction((n) => document.querySelectorAll('article details.nw-rest:not([open])').length === n, count);
  // A match inside a folded part is visible: searching opens the cards.
  await page.getByLabel('Search stories').fill('zolgensma');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  const mark = page.locator('article mark').first();
  assert.ok(await mark.isVisible());
  assert.equal(await page.getByRole('button', { name: 'Expand all stories' }).count(), 0);
});

test('a 320 px phone reads the issue without horizontal scrolling', async () => {
  const page = await open('', { viewport: { width: 320, height: 640 } });
  await page.locator('article').nth(19).waitFor();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`);
  const bodySize = await page.locator('.nw-body p').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  assert.ok(bodySize >= 16, `body text is ${bodySize}px`);
});

test('dark mode follows prefers-color-scheme', async () => {
  const backgrounds = {};
  for (const colorScheme of ['light', 'dark']) {
    const page = await open('', { colorScheme });
    await page.locator('article').first().waitFor();
    backgrounds[colorScheme] = await page.locator('article').first().evaluate((el) => {
      const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g).map(Number);
      return (r + g + b) / 3;
    });
  }
  assert.ok(backgrounds.light > 200, `light card background ${backgrounds.light}`);
  assert.ok(backgrounds.dark < 60 && backgrounds.dark > 0, `dark card background ${backgrounds.dark} should be deep grey, not black`);
});

test('a loading state shows while the feed is on its way', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=held.json`);
  await readerReady(page, { loading: true });
  await page.locator('[role="status"]', { hasText: 'Loading the newsletter' }).waitFor();
  assert.equal(await page.locator('.nw[aria-busy="true"]').count(), 1);
  assert.equal(await page.locator('article').count(), 0);
  releaseHeld();
  await page.locator('article').nth(1).waitFor();
  assert.equal(await page.locator('[aria-busy="true"]').count(), 0);
});

const brokenFeeds = [
  ['a body that is not JSON', '?src=feeds/not-json.json',
    `The feed is not valid JSON: expected ',' or '}' after a member, found '"' at line 4, column 3. File: feeds/not-json.json`],
  ['JSON that is not a feed', '?src=feeds/not-a-feed.json',
    'This is JSON but not a JSON Feed: there is no "items" list (line 1, column 1). File: feeds/not-a-feed.json'],
  ['a missing feed', '?src=status/404.json', 'No feed was found at status/404.json (HTTP 404).'],
];

for (const [what, query, message] of brokenFeeds) {
  test(`${what} shows what is wrong and where, in an alert`, async () => {
    const page = await open(query);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.locator('.nw-error-message').textContent(), message);
    assert.equal(await page.locator('article').count(), 0);
    assert.deepEqual(page.uncaught, []);
  });
}

test('a server error offers Try again', async () => {
  const page = await open('?src=status/500.json');
  await page.locator('[role="alert"]').waitFor();
  assert.equal(await page.locator('.nw-error-message').textContent(), 'The server answered HTTP 500 for status/500.json.');
  assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 1);
});

test('a network failure offers Try again, which loads the feed', async () => {
  flakyBroken = true;
  const page = await open('?src=flaky.json');
  const retry = page.getByRole('button', { name: 'Try again' });
  await retry.waitFor();
  assert.equal(await page.locator('.nw-error-message').textContent(), 'Could not reach the feed at flaky.json. Check your connection and try again.');
  flakyBroken = false;
  await retry.focus();
  await page.keyboard.press('Enter');
  await page.locator('article').nth(3).waitFor();
  assert.equal(await page.locator('article').count(), 4);
});

test('fields of the wrong type are repaired or dropped, and every story still shows', async () => {
  const page = await open('?src=feeds/wrong-types.json');
  await page.locator('article').nth(3).waitFor();
  assert.deepEqual(await page.locator('article h3').allTextContents(),
    ['The first good story', 'Tags are a string', 'The second good story', 'Shown without its title.']);
  // The tags written as one string became a topic the reader can choose.
  assert.deepEqual(await page.locator('article').nth(1).locator('.nw-tag').allTextContents(), ['oncology']);
  assert.equal(await page.locator('.nw-chip', { hasText: 'oncology' }).count(), 1);
  // Nothing was skipped, so no alert.
  assert.equal(await page.locator('.nw-notice[role="alert"]').count(), 0);
});

test('missing and duplicate ids are named', async () => {
  const page = await open('?src=feeds/ids.json');
  await page.locator('article').first().waitFor();
  assert.deepEqual(await page.locator('article h3').allTextContents(), ['First A', 'B']);
  assert.deepEqual(await page.locator('[role="alert"] li').allTextContents(), [
    'items[1].id (line 6, column 5): missing; every story needs a unique id; story skipped',
    'items[2].id (line 7, column 13): duplicate id "a" (first used by items[0]); story skipped',
  ]);
});

test('a hostile feed runs no script and leaves no unsafe element, attribute or link', async () => {
  const page = await open('?src=feeds/hostile.json');
  await page.locator('article').nth(1).waitFor();
  // Give handlers every chance: hover and click everything the feed produced.
  for (const el of await page.locator('.nw *').all()) {
    await el.hover({ trial: false, force: true, timeout: 1000 }).catch(() => {});
  }
  const report = await page.evaluate(() => {
    const widget = document.querySelector('.nw');
    // Everything made from the feed (the widget's own search form aside).
    const fromFeed = widget.querySelectorAll('.nw-masthead, .nw-issue-head, .nw-framing, .nw-notice, article');
    const all = [...fromFeed].flatMap((el) => [el, ...el.querySelectorAll('*')]);
    return {
      pwned: window.__pwned ?? null,
      forbidden: all.filter((el) => /^(SCRIPT|IFRAME|FORM|INPUT|STYLE|OBJECT|EMBED|SVG|IMG)$/i.test(el.tagName)).map((el) => el.tagName),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on|^style$|^srcdoc$/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
      hrefs: [...widget.querySelectorAll('[href]')].map((el) => el.getAttribute('href')),
      title: document.querySelector('h1').textContent,
    };
  });
  assert.equal(report.pwned, null);
  assert.deepEqual(report.forbidden, []);
  assert.deepEqual(report.handlers, []);
  assert.deepEqual(report.hrefs, ['https://example.org/ok', 'https://example.org/source']);
  // Markup in a plain-text field is shown as text, never parsed.
  assert.match(report.title, /<script>window.__pwned=1<\/script>/);
  assert.deepEqual(page.uncaught, []);
});

test('a plain JSON Feed without newsletter fields renders', async () => {
  const page = await open('?src=feeds/plain.json');
  await page.locator('article').nth(2).waitFor();
  assert.equal(await page.locator('h1').textContent(), 'A plain blog');
  assert.deepEqual(await page.locator('article h3').allTextContents(), [
    'Only a title and a summary',
    'No title, just HTML content.',
    '非ラテン文字の見出し',
  ]);
  assert.equal(await page.locator('article').first().locator('.nw-body').textContent(), 'A real-world feed that bends the spec.');
  assert.equal(await page.locator('article').nth(1).locator('.nw-body strong').textContent(), 'HTML');
  assert.equal(await page.locator('time').textContent(), '5 March 2024');
});

test('the widget speaks French when asked (?locale=fr, or the locale attribute)', async () => {
  const page = await open('?src=issues/2025-12-04.json&locale=fr');
  await page.locator('article').first().waitFor();
  assert.equal(await page.locator('time').textContent(), '4 décembre 2025');
  assert.equal(await page.locator('[aria-live="polite"]').textContent(), '20 articles');
  assert.equal(await page.getByLabel('Rechercher des articles').count(), 1);
  assert.equal(await page.locator('.nw-intro h2').textContent(), 'Cette semaine');
  // The sample names its subscribe box but no provider yet: a box that
  // cannot send is not shown.
  assert.equal(await page.locator('.nw-subscribe').count(), 0);
  // The tab names the issue and the newsletter.
  assert.equal(await page.title(), `${sampleIssue.title} · ${sampleIssue._newsletter.name}`);
});

test('the page fetches its feed once, without waiting for the wasm', async () => {
  const page = await openPage(browser);
  const feedRequests = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/issues/2025-12-04.json')) feedRequests.push(request.url());
  });
  // The wasm is held back until the feed has been asked for: a page that
  // waited for the wasm before fetching would never ask, and fail here.
  const release = await holdWasm(page);
  const feedAsked = page.waitForRequest((request) => request.url().endsWith('/issues/2025-12-04.json'), { timeout: 10000 });
  await page.goto(`${server.base}/?src=issues/2025-12-04.json`, { waitUntil: 'commit' });
  await feedAsked;
  release();
  await page.locator('article').nth(19).waitFor();
  assert.equal(feedRequests.length, 1);
});

test('the feed\'s own title and description are decoded like its stories', async () => {
  const page = await open('?src=feeds/references.json');
  await readerReady(page);
  const text = await page.locator('.nw').first().innerText();
  assert.match(text, /Yaki Kimhi's Site/);
  assert.match(text, /ikmnjrd's blog with 11ty & friends\./);
  assert.match(text, /Notes & queries/);
  assert.equal(text.match(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i), null, 'no literal character reference reaches the reader');
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});
