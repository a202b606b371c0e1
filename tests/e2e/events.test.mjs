// End to end: the events a host page can listen to (docs/embedding.md,
// "Events") and the `::part()` names it can style. The release bundle in
// dist/ is served with a host page that loads the loader and listens on
// `document`, so every event seen there bubbled out of the element.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, embedReady, readerReady, sampleIssue, lacks, textAfterMailto } from './harness.mjs';

const NAMES = ['nw-loaded', 'nw-filtered', 'nw-story-opened', 'nw-subscribed', 'nw-error'];
const EMAIL = 'reader@example.org';

/** A host page: the loader, a listener for every event, a part rule, and `body`. */
const hostPage = (body) => `<!doctype html>
<html><head><title>Host</title>
<style>
  newsletter-widget::part(card) { outline: 3px solid rgb(1, 2, 3); }
  newsletter-widget::part(chip) { outline: 2px dashed rgb(4, 5, 6); }
  newsletter-widget::part(form) { outline: 1px dotted rgb(7, 8, 9); }
</style>
<script>
  window.seen = [];
  for (const name of ${JSON.stringify(NAMES)}) {
    document.addEventListener(name, (event) => {
      window.seen.push({
        name,
        target: event.target.id,
        bubbles: event.bubbles,
        composed: event.composed,
        detail: JSON.parse(JSON.stringify(event.detail)),
      });
    });
  }
  // Links in cards would open other sites: keep the test on this page.
  document.addEventListener('click', (event) => {
    if (event.composedPath()[0].closest?.('a')) event.preventDefault();
  });
</script>
<script type="module" src="/newsletter-widget.js"></script>
</head><body>
${body}
</body></html>`;

const html = (body) => (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage(body));
const subscribeJson = JSON.stringify({ provider: 'json', url: 'https://formspree.io/f/events' }).replaceAll('"', '&quot;');
const subscribeMailto = JSON.stringify({ provider: 'mailto', address: 'editor@example.org' }).replaceAll('"', '&quot;');

/** A feed whose story links to its original. */
const linkedFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Linked',
  items: [{ id: 'linked-story', title: 'A linked story', content_text: 'Text.', url: 'https://news.example/story' }],
});

let server;
let browser;

before(async () => {
  server = await serve({
    '/host': html(`<newsletter-widget id="main" src="/issues/2025-12-04.json"></newsletter-widget>
<newsletter-widget id="broken" src="/issues/missing.json"></newsletter-widget>
<newsletter-widget id="linked" src="/linked.json"></newsletter-widget>`),
    '/linked.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(linkedFeed),
    '/subscribe': html(`<newsletter-widget id="json" src="/issues/2025-12-04.json" subscribe="${subscribeJson}"></newsletter-widget>
<newsletter-widget id="mailto" src="/issues/2025-12-04.json" subscribe="${subscribeMailto}"></newsletter-widget>`),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const seen = (page) => page.evaluate(() => window.seen);
const waitFor = (page, name, count = 1) =>
  page.waitForFunction(([name, count]) => window.seen.filter((e) => e.name === name).length >= count, [name, count]);
const withTag = (label) => sampleIssue.items.filter((item) => item.tags.includes(label));

test('loaded, error, filtered and story opened reach the document from the element', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/host`);
  await embedReady(page);
  await waitFor(page, 'nw-loaded', 2);
  await waitFor(page, 'nw-error');
  const main = page.locator('#main');
  await main.locator('article').first().waitFor();

  const [loaded] = (await seen(page)).filter((e) => e.name === 'nw-loaded' && e.target === 'main');
  assert.deepEqual(loaded, {
    name: 'nw-loaded',
    target: 'main',
    bubbles: true,
    composed: true,
    detail: { src: '/issues/2025-12-04.json', title: sampleIssue.title, stories: sampleIssue.items.length },
  });
  const [error] = (await seen(page)).filter((e) => e.name === 'nw-error');
  assert.equal(error.target, 'broken');
  assert.equal(error.bubbles && error.composed, true);
  assert.equal(error.detail.src, '/issues/missing.json');
  assert.match(error.detail.message, /No feed was found at .*missing\.json \(HTTP 404\)/);
  // Filters the issue opens with are not the reader's changes.
  assert.equal((await seen(page)).filter((e) => e.name === 'nw-filtered').length, 0);

  // A chip.
  await main.locator('.nw-chip', { hasText: 'China' }).click();
  await waitFor(page, 'nw-filtered');
  let filtered = (await seen(page)).filter((e) => e.name === 'nw-filtered');
  assert.deepEqual(filtered.at(-1), {
    name: 'nw-filtered',
    target: 'main',
    bubbles: true,
    composed: true,
    detail: { topics: ['china'], query: '', shown: withTag('China').length },
  });
  // The search box, then everything cleared.
  await main.locator('.nw-chip', { hasText: 'All topics' }).click();
  await main.getByLabel('Search stories').fill('zzzz-nothing');
  await page.waitForFunction(() => window.seen.some((e) => e.name === 'nw-filtered' && e.detail.query === 'zzzz-nothing'));
  filtered = (await seen(page)).filter((e) => e.name === 'nw-filtered');
  assert.deepEqual(filtered.at(-1).detail, { topics: [], query: 'zzzz-nothing', shown: 0 });
  await main.getByLabel('Search stories').fill('');
  await page.waitForFunction(() => window.seen.at(-1).name === 'nw-filtered' && window.seen.at(-1).detail.query === '');
  assert.equal((await seen(page)).at(-1).detail.shown, sampleIssue.items.length);

  // "Read more" on a long story: its id. Closing it again sends nothing.
  const toggle = main.locator('article summary.nw-toggle').first();
  const title = await toggle.evaluate((s) => s.closest('article').querySelector('h3').textContent);
  const story = sampleIssue.items.find((item) => item.title === title);
  assert.ok(story, title);
  await toggle.click();
  await waitFor(page, 'nw-story-opened');
  await toggle.click();
  let opened = (await seen(page)).filter((e) => e.name === 'nw-story-opened');
  assert.deepEqual(opened, [{
    name: 'nw-story-opened',
    target: 'main',
    bubbles: true,
    composed: true,
    detail: { id: story.id, via: 'read-more' },
  }]);
  // A link of a story (the host page keeps the test from leaving).
  await page.locator('#linked article .nw-more a').click();
  await waitFor(page, 'nw-story-opened', 2);
  opened = (await seen(page)).filter((e) => e.name === 'nw-story-opened');
  assert.deepEqual(opened[1], {
    name: 'nw-story-opened',
    target: 'linked',
    bubbles: true,
    composed: true,
    detail: { id: 'linked-story', via: 'link', href: 'https://news.example/story' },
  });

  // Only the documented names.
  for (const event of await seen(page)) assert.ok(NAMES.includes(event.name));
  assert.deepEqual(page.uncaught, []);
});

test('subscribed names the provider, never the reader\'s email', async () => {
  const page = await openPage(browser);
  const posted = [];
  await page.context().route('https://formspree.io/**', async (route) => {
    const request = route.request();
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST' };
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    posted.push(request.postData());
    return route.fulfill({ status: 200, headers: { ...cors, 'content-type': 'application/json' }, body: '{"ok":true}' });
  });
  await page.goto(`${server.base}/subscribe`);
  await embedReady(page);
  await waitFor(page, 'nw-loaded', 2);

  const json = page.locator('#json .nw-end .nw-subscribe');
  await json.getByLabel('Email address').fill(EMAIL);
  await json.getByRole('button', { name: 'Subscribe' }).click();
  await json.locator('.nw-subscribe-done').waitFor();
  await waitFor(page, 'nw-subscribed');
  assert.equal(posted.length, 1);
  assert.match(posted[0], /reader@example\.org/);

  const mailtoWorks = !lacks('mailto');
  if (mailtoWorks) {
    const mailto = page.locator('#mailto .nw-end .nw-subscribe');
    await mailto.getByLabel('Email address').fill(EMAIL);
    // The mailto: navigation it starts never finishes in Firefox: no waiting on it.
    await mailto.getByRole('button', { name: 'Subscribe' }).click({ noWaitAfter: true });
    await textAfterMailto(page, '#mailto', '.nw-end .nw-subscribe', '.nw-subscribe-done');
    await waitFor(page, 'nw-subscribed', 2);
  }

  const events = await seen(page);
  assert.deepEqual(events.filter((e) => e.name === 'nw-subscribed'), [
    { name: 'nw-subscribed', target: 'json', bubbles: true, composed: true, detail: { provider: 'json' } },
    ...(mailtoWorks ? [{ name: 'nw-subscribed', target: 'mailto', bubbles: true, composed: true, detail: { provider: 'mailto' } }] : []),
  ]);
  // No detail of any event carries what the reader typed.
  assert.doesNotMatch(JSON.stringify(events), /reader@example|example\.org/);

  // The json widget's other box says the reader is signed up, without a form.
  await textAfterMailto(page, '#json', '.nw-subscribe', '.nw-subscribe-done');
  assert.deepEqual(page.uncaught, []);

  // An email the widget refuses sends nothing (a fresh page: nobody signed up yet).
  await page.goto(`${server.base}/subscribe`);
  await embedReady(page);
  await waitFor(page, 'nw-loaded', 2);
  const before = (await seen(page)).length;
  await page.locator('#json .nw-subscribe').first().getByLabel('Email address').fill('not-an-address');
  await page.locator('#json .nw-subscribe').first().getByRole('button', { name: 'Subscribe' }).click();
  await page.locator('#json .nw-field-error').first().waitFor();
  assert.equal((await seen(page)).length, before);
  assert.deepEqual(page.uncaught, []);
});

test('the host page styles the card, chip and form parts', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/subscribe`);
  await embedReady(page);
  const widget = page.locator('#json');
  await widget.locator('article').first().waitFor();
  const outline = (locator) => locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return `${style.outlineStyle} ${style.outlineColor}`;
  });
  assert.equal(await outline(widget.locator('article').first()), 'solid rgb(1, 2, 3)');
  assert.equal(await outline(widget.locator('.nw-chip', { hasText: 'China' })), 'dashed rgb(4, 5, 6)');
  assert.equal(await outline(widget.locator('form.nw-subscribe-form').first()), 'dotted rgb(7, 8, 9)');
  // Elements without a part keep the widget's own look.
  assert.notEqual(await outline(widget.locator('.nw-subscribe').first()), 'solid rgb(1, 2, 3)');
});

test('the standalone page sends no events', async () => {
  const page = await openPage(browser);
  await page.addInitScript((names) => {
    window.seen = [];
    for (const name of names) document.addEventListener(name, () => window.seen.push(name));
  }, NAMES);
  await page.goto(`${server.base}/?src=issues/2025-12-04.json`);
  await readerReady(page);
  await page.locator('.nw-chip', { hasText: 'China' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, withTag('China').length);
  assert.deepEqual(await seen(page), []);
});
