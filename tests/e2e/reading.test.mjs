// End to end: reading like a newsletter. A link to every story (opened,
// scrolled to and focused, even behind filters), "Copy link", topic tags
// that filter, folding, the stories in the first screen, the list's top
// after filtering, and the widget's languages, on the release bundle in
// headless Chromium, on the page and in the embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, readerReady, embedReady, sampleIssue } from './harness.mjs';

let server;
let browser;

const hostPage = `<!doctype html><html lang="en"><head><title>A host page</title>
<script type="module" src="/newsletter-widget.js"></script></head>
<body><h1>Someone's blog</h1><newsletter-widget src="/issues/2025-12-04.json"></newsletter-widget></body></html>`;
// A host page whose widget reads a Spanish feed and sets no locale.
const spanishHost = hostPage.replace('/issues/2025-12-04.json', '/es.json');

// An archive of two issues: the sample, and an older one made from it.
const olderIssue = JSON.stringify({ ...sampleIssue, title: 'Week 5 of November 2025', _newsletter: { ...sampleIssue._newsletter, issue_date: '2025-11-27' } });
const archive = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Newsletter',
  _newsletter: { name: 'Newsletter', kind: 'index' },
  items: [
    { id: '2025-12-04', title: sampleIssue.title, date_published: '2025-12-04T00:00:00Z', url: '/issues/2025-12-04.json' },
    { id: '2025-11-27', title: 'Week 5 of November 2025', date_published: '2025-11-27T00:00:00Z', url: '/older.json' },
  ],
});

// The sample issue in other languages (only its `language` changes): the
// widget's words follow the feed when nothing else asks.
const inLanguage = (language) => JSON.stringify({ ...sampleIssue, language });

before(async () => {
  server = await serve({
    '/archive.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(archive),
    '/older.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(olderIssue),
    '/host-es.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(spanishHost),
    '/host.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage),
    '/de.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(inLanguage('de-DE')),
    '/es.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(inLanguage('es')),
    '/xx.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(inLanguage('xx-YY')),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const story = (id) => sampleIssue.items.find((item) => item.id === id);
const withTag = (label) => sampleIssue.items.filter((item) => item.tags.includes(label));
const open = async (path, options = {}) => {
  const page = await openPage(browser, options);
  await page.goto(`${server.base}${path}`);
  await page.locator('.nw-status').first().waitFor();
  // The demo page shows a painted issue until the reader takes it over.
  if (await page.locator('#newsletter-widget-page').count()) await readerReady(page);
  return page;
};

/** The focused headline's text, looking into the widget's shadow root. */
const focusedHeadline = (page) => page.evaluate(() => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active?.matches('.nw-headline') ? active.textContent : null;
});

/** Where the card of `id` is on screen: its top, and the window's height. */
const cardBox = (page, id) => page.locator(`article[data-story="${id}"]`).evaluate((card) => ({
  top: card.getBoundingClientRect().top,
  height: innerHeight,
  open: card.querySelector('details.nw-rest')?.open ?? null,
}));

/** Waits until the card of `id` is near the top of the screen (the first third). */
const waitNearTop = (page, id) => page.waitForFunction((sel) => {
  const find = (root) => root.querySelector(sel) ?? [...root.querySelectorAll('newsletter-widget')].map((w) => w.shadowRoot?.querySelector(sel)).find(Boolean);
  const top = find(document)?.getBoundingClientRect().top;
  return top >= 0 && top < innerHeight / 3;
}, `article[data-story="${id}"]`);

test('a story link opens that story, scrolled to and focused, and the tab names it', async () => {
  const id = 'eu-bioeconomy-strategy';
  const page = await open(`/?src=issues/2025-12-04.json#story=${id}`);
  await page.waitForFunction((title) => {
    const active = document.activeElement;
    return active?.matches('.nw-headline') && active.textContent === title;
  }, story(id).title);
  await waitNearTop(page, id);
  assert.equal((await cardBox(page, id)).open, true);
  assert.equal(await page.title(), `${story(id).title} · ${sampleIssue.title} · Newsletter`);
  // Every story is still there; none is hidden by the link.
  assert.equal(await page.locator('article').count(), 20);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a linked story hidden by the filters is shown first, with a way to clear them', async () => {
  const id = 'eu-bioeconomy-strategy';
  const page = await open(`/?src=issues/2025-12-04.json#topics=oncology&story=${id}`);
  await page.waitForFunction((title) => document.activeElement?.textContent === title, story(id).title);
  // The line that says so is on screen with the story.
  await page.waitForFunction(() => {
    const top = document.querySelector('.nw-linked-note')?.getBoundingClientRect().top;
    return top >= 0 && top < 100;
  });
  const box = await cardBox(page, id);
  assert.ok(box.top > 0 && box.top < box.height / 2, `card top at ${box.top}`);
  const headlines = await page.locator('article h3').allTextContents();
  assert.equal(headlines[0], story(id).title);
  assert.deepEqual(headlines.slice(1), withTag('Oncology').map((item) => item.title));
  const note = page.locator('.nw-linked-note');
  assert.match(await note.textContent(), /Your filters hide the linked story/);
  await note.getByRole('button', { name: 'Show all stories' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 20);
  await page.waitForFunction((hash) => location.hash === hash, `#story=${id}`);
  assert.equal(await note.count(), 0);
  // Choosing a topic lets go of the link.
  await page.locator('.nw-chip', { hasText: 'China' }).click();
  await page.waitForFunction(() => location.hash === '#topics=china');
  await page.context().close();
});

test('"Copy link" copies the address of the story, says so, and the link opens it', async () => {
  const page = await open('/?src=issues/2025-12-04.json');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const id = sampleIssue.items[4].id;
  const button = page.locator(`article[data-story="${id}"] .nw-copy-link`);
  assert.equal(await button.textContent(), 'Copy link');
  await button.click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Link copied', `article[data-story="${id}"] .nw-copy-link`);
  assert.equal(await page.locator('.nw-stories [role="status"]').last().textContent(), 'Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${server.base}/?src=issues/2025-12-04.json#story=${id}`);
  const linked = await openPage(browser);
  await linked.goto(copied);
  await linked.waitForFunction((title) => document.activeElement?.textContent === title, sampleIssue.items[4].title);
  await linked.context().close();
  await page.context().close();
});

test('a topic tag on a card shows the stories of its topic', async () => {
  const page = await open('/?src=issues/2025-12-04.json');
  const card = page.locator('article').nth(4);
  const tag = card.getByRole('button', { name: 'China', exact: true });
  assert.equal(await card.getByRole('list', { name: 'Show stories on' }).count(), 1);
  await tag.click();
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, withTag('China').length);
  await page.waitForFunction(() => location.hash === '#topics=china');
  assert.equal(await page.locator('.nw-chip', { hasText: 'China' }).getAttribute('aria-pressed'), 'true');
  await page.context().close();
});

test('every long story folds, and "Show less" comes after the opened text', async () => {
  const page = await open('/?src=issues/2025-12-04.json');
  assert.equal(await page.locator('article details.nw-rest').count(), 20);
  const card = page.locator('article[data-story="china-cell-gene-therapy-policy"]');
  await card.locator('summary').click();
  const order = await card.evaluate((article) => {
    const details = article.querySelector('details.nw-rest');
    const paragraphs = details.querySelectorAll('p');
    return {
      open: details.open,
      summaryTop: details.querySelector('summary').getBoundingClientRect().top,
      lastTextBottom: paragraphs[paragraphs.length - 1].getBoundingClientRect().bottom,
      label: details.querySelector('summary').innerText.trim(),
    };
  });
  assert.equal(order.open, true);
  assert.equal(order.label, 'Show less');
  assert.ok(order.summaryTop >= order.lastTextBottom - 1, JSON.stringify(order));
  const expandAll = page.locator('.nw-expand-all');
  await expandAll.click();
  await page.waitForFunction(() => document.querySelector('.nw-expand-all').textContent === 'Collapse all stories');
  assert.equal(await page.locator('article details.nw-rest[open]').count(), 20);
  await page.context().close();
});

test('in the embed, "Copy link" copies the host page address and such a link opens the story', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await page.goto(`${server.base}/host.html`);
  await embedReady(page);
  const id = sampleIssue.items[7].id;
  const button = page.locator(`newsletter-widget article[data-story="${id}"] .nw-copy-link`);
  await button.click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text.includes('#story=')));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${server.base}/host.html#story=${id}`);
  const linked = await openPage(browser);
  await linked.goto(copied);
  await linked.waitForFunction((title) => {
    const root = document.querySelector('newsletter-widget')?.shadowRoot;
    return root?.activeElement?.textContent === title;
  }, sampleIssue.items[7].title);
  assert.equal(await focusedHeadline(linked), sampleIssue.items[7].title);
  await waitNearTop(linked, id);
  // The host's title is its own.
  assert.equal(await linked.title(), 'A host page');
  await linked.context().close();
  await page.context().close();
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`the first story's headline is in the first screen at ${viewport.width}×${viewport.height}`, async () => {
    const page = await openPage(browser, { viewport });
    await page.goto(`${server.base}/`);
    await readerReady(page);
    const bottom = await page.locator('article h3').first().evaluate((h) => h.getBoundingClientRect().bottom);
    assert.ok(bottom <= viewport.height, `first headline ends at ${bottom}px`);
    // One issue: no archive bar; the intro shows its first lines.
    assert.equal(await page.locator('.nw-archive').count(), 0);
    assert.equal(await page.getByText('Read the intro').count(), 1);
    assert.equal(await page.locator('.nw-intro details').getAttribute('open'), null);
    await page.context().close();
  });
}

for (const reducedMotion of ['reduce', 'no-preference']) {
  test(`a filter chosen far down the list brings its top back into view (${reducedMotion} motion)`, async () => {
    const page = await open('/?src=issues/2025-12-04.json', { viewport: { width: 390, height: 844 }, reducedMotion });
    await page.locator('article').nth(19).waitFor();
    await page.locator('article').nth(15).scrollIntoViewIfNeeded();
    // The topics stay in reach: one row, stuck to the top of the screen.
    const chips = page.locator('.nw-chips');
    await page.waitForFunction(() => Math.abs(document.querySelector('.nw-chips').getBoundingClientRect().top) < 1);
    assert.equal(await page.getByRole('group', { name: 'Topics (any of)' }).count(), 1);
    const row = await chips.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, height: el.getBoundingClientRect().height }));
    assert.ok(row.scrollWidth > row.clientWidth && row.height < 80, JSON.stringify(row));
    await page.locator('.nw-chip', { hasText: 'Neuroscience' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('article').length === n, withTag('Neuroscience').length);
    await page.waitForFunction(() => {
      const top = document.querySelector('.nw-stories').getBoundingClientRect().top;
      return top >= 0 && top < innerHeight / 3;
    });
    // The first of the new stories is on screen, under the row of topics.
    const first = await page.locator('article h3').first().evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(first > 0 && first < 844, `first headline at ${first}`);
    await page.context().close();
  });
}

test('on a wide screen the topics stay in the side column', async () => {
  const page = await open('/?src=issues/2025-12-04.json', { viewport: { width: 1280, height: 800 } });
  const [side, stories] = await Promise.all(['.nw-side', '.nw-stories'].map((sel) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().left)));
  assert.ok(side > stories + 400, `side at ${side}, stories at ${stories}`);
  await page.context().close();
});

test('an archive shows a compact bar under the masthead and the neighbouring issues at the end', async () => {
  const page = await open('/?src=archive.json');
  await readerReady(page);
  const bar = page.locator('.nw-archive-top');
  await bar.waitFor();
  // Under the masthead, above the issue's title.
  const [masthead, barTop, title] = await Promise.all(['.nw-masthead', '.nw-archive-top', 'h1'].map((sel) => page.locator(sel).evaluate((el) => el.getBoundingClientRect().top)));
  assert.ok(masthead < barTop && barTop < title, `${masthead} ${barTop} ${title}`);
  // The newest issue: no "Newer" anywhere, and nothing disabled.
  assert.equal(await page.locator('.nw-newer').count(), 0);
  assert.equal(await page.locator('.nw-archive button:disabled').count(), 0);
  const end = page.getByRole('navigation', { name: 'More issues' });
  assert.match(await end.textContent(), /Older issue.*27 November 2025 · Week 5 of November 2025/);
  await end.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Week 5 of November 2025');
  await page.waitForFunction(() => location.hash === '#issue=2025-11-27');
  await page.waitForFunction(() => scrollY < 200);
  assert.equal(await page.locator('.nw-older').count(), 0);
  assert.match(await page.getByRole('navigation', { name: 'More issues' }).textContent(), /Newer issue/);
  // A story's link names its issue.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await page.locator('article .nw-copy-link').first().click();
  await page.locator('article .nw-copy-link[data-done="copied"]').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.base}/?src=archive.json#issue=2025-11-27&story=${sampleIssue.items[0].id}`);
  await page.context().close();
});

const words = async (page) => ({
  week: await page.locator('.nw-intro .nw-framing-title').textContent(),
  count: await page.locator('.nw-status').first().textContent(),
  date: await page.locator('time').first().textContent(),
  more: await page.locator('article summary .nw-when-closed').first().textContent(),
  copy: await page.locator('article .nw-copy-link').first().textContent(),
  legend: await page.locator('.nw-chips-legend').textContent(),
  sources: await page.locator('article .nw-sources-label').first().textContent(),
});

test('a German feed, with no locale asked, gets German words, dates and plurals', async () => {
  const page = await open('/?src=de.json');
  assert.deepEqual(await words(page), {
    week: 'Diese Woche',
    count: '20 Beiträge',
    date: '4. Dezember 2025',
    more: 'Weiterlesen',
    copy: 'Link kopieren',
    legend: 'Themen (beliebige)',
    sources: 'Quellen:',
  });
  await page.locator('.nw-chip', { hasText: 'Biosimilars' }).click();
  await page.waitForFunction(() => document.querySelector('.nw-status').textContent === '1 von 20 Beiträgen');
  assert.equal(await page.getByRole('button', { name: 'Alles zurücksetzen' }).count(), 1);
  await page.context().close();
});

test('a Spanish feed in the embed, with no locale attribute, gets Spanish words, dates and plurals', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/host-es.html`);
  await embedReady(page);
  await page.locator('newsletter-widget .nw-status').waitFor();
  assert.deepEqual(await words(page), {
    week: 'Esta semana',
    count: '20 noticias',
    date: '4 de diciembre de 2025',
    more: 'Leer más',
    copy: 'Copiar enlace',
    legend: 'Temas (cualquiera)',
    sources: 'Fuentes:',
  });
  await page.locator('.nw-chip', { hasText: 'Biosimilars' }).click();
  await page.waitForFunction(() => document.querySelector('newsletter-widget').shadowRoot.querySelector('.nw-status').textContent === '1 de 20 noticias');
  await page.context().close();
});

test('an unknown feed language is English, and a locale asked for wins over the feed', async () => {
  const unknown = await open('/?src=xx.json');
  assert.equal(await unknown.locator('.nw-status').first().textContent(), '20 stories');
  await unknown.context().close();
  const asked = await open('/?src=de.json&locale=es');
  assert.equal(await asked.locator('.nw-status').first().textContent(), '20 noticias');
  await asked.context().close();
});
