// End to end: topic chips, search, the view in the address, and keyboard use,
// on the release bundle in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, readerReady, sampleIssue, historyStep } from './harness.mjs';

let server;
let browser;

// A long issue: the sample's stories three times and a half, with new ids.
const longIssue = {
  ...sampleIssue,
  items: Array.from({ length: 70 }, (_, i) => ({ ...sampleIssue.items[i % 20], id: `story-${i}`, title: `Story ${i + 1}: ${sampleIssue.items[i % 20].title}` })),
};

before(async () => {
  server = await serve({
    '/long.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(longIssue)),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const open = async (fragment = '') => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=issues/2025-12-04.json${fragment}`);
  await readerReady(page);
  await page.locator('.nw-status').waitFor();
  return page;
};

const withTag = (...labels) => sampleIssue.items.filter((item) => item.tags.some((t) => labels.includes(t)));
const chip = (page, label) => page.locator('.nw-chip', { has: page.locator('.nw-chip-label', { hasText: label }) });
const headlines = (page) => page.locator('article h3').allTextContents();
const status = (page) => page.locator('[aria-live="polite"]').textContent();

test('chips narrow the stories, combine with OR, and write the address', async () => {
  const page = await open();
  assert.equal(await status(page), '20 stories');
  await chip(page, 'Oncology').click();
  await page.waitForFunction(() => document.querySelectorAll('article').length < 20);
  assert.equal(await chip(page, 'Oncology').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await headlines(page), withTag('Oncology').map((i) => i.title));
  assert.equal(await status(page), `${withTag('Oncology').length} of 20 stories`);
  await chip(page, 'China').click();
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, withTag('Oncology', 'China').length);
  assert.deepEqual(await headlines(page), withTag('Oncology', 'China').map((i) => i.title));
  // The address is written after the frame that shows the change.
  await page.waitForFunction(() => location.hash === '#topics=oncology,china');
  assert.equal(await page.getByRole('button', { name: 'All topics' }).getAttribute('aria-pressed'), 'false');
  await page.getByRole('button', { name: 'All topics' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 20);
  await page.waitForFunction(() => location.hash === '');
});

test('search filters as the reader types, ignores case and accents, highlights and recounts', async () => {
  const page = await open();
  await page.getByLabel('Search stories').pressSequentially('ITVÍSMA');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  assert.deepEqual(await headlines(page), [sampleIssue.items[0].title]);
  assert.ok((await page.locator('article mark').allTextContents()).includes('Itvisma'));
  assert.equal(await status(page), '1 of 20 stories');
  // Each chip counts the stories that match the search.
  for (const tag of sampleIssue.items[0].tags) assert.match(await chip(page, tag).textContent(), /1 story$/);
  assert.match(await chip(page, 'China').textContent(), /0 stories$/);
  await page.waitForFunction(() => location.hash === '#q=ITV%C3%8DSMA');
});

test('search and chips combine', async () => {
  const page = await open();
  await page.getByLabel('Search stories').fill('FDA');
  await chip(page, 'China').click();
  const expected = withTag('China').filter((i) => /fda/i.test(`${i.title} ${i.content_text}`));
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, expected.length);
  assert.deepEqual(await headlines(page), expected.map((i) => i.title));
});

test('opening a copied address gives the same view; junk in it is ignored', async () => {
  const page = await open('#topics=oncology,nonsense&q=fda&utm=x');
  const expected = withTag('Oncology').filter((i) => /fda/i.test(`${i.title} ${i.content_text}`));
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, expected.length);
  assert.equal(await page.getByLabel('Search stories').inputValue(), 'fda');
  assert.equal(await chip(page, 'Oncology').getAttribute('aria-pressed'), 'true');

  const junk = await open('#topics=%%%,,nope&&=&q');
  assert.equal(await junk.locator('article').count(), 20);
  assert.equal(await junk.locator('.nw-chip[aria-pressed="true"]').count(), 1, 'only "All topics" is pressed');
  const broken = await open('#q=%zz');
  assert.equal(await broken.getByLabel('Search stories').inputValue(), '%zz');
  assert.deepEqual([...junk.uncaught, ...broken.uncaught], []);
});

test('Back and Forward step through filter changes', async () => {
  const page = await open();
  await chip(page, 'Oncology').click();
  await chip(page, 'China').click();
  await page.waitForFunction(() => location.hash === '#topics=oncology,china');
  await historyStep(page, -1);
  await page.waitForFunction(() => document.querySelector('.nw-chip[aria-pressed="true"] .nw-chip-label')?.textContent === 'Oncology');
  assert.equal(await chip(page, 'China').getAttribute('aria-pressed'), 'false');
  await historyStep(page, -1);
  await page.waitForFunction(() => document.querySelectorAll('article').length === 20);
  await historyStep(page, 1);
  await page.waitForFunction(() => location.hash === '#topics=oncology');
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, withTag('Oncology').length);
});

test('an empty result says so and offers to clear; focus stays in the filters', async () => {
  const page = await open();
  await page.getByLabel('Search stories').fill('no story says this');
  const clear = page.getByRole('button', { name: 'Clear filters' });
  await clear.waitFor();
  assert.equal(await page.locator('article').count(), 0);
  assert.equal(await status(page), '0 of 20 stories');
  await clear.click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 20);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'nw-search-input');
});

test('everything works from the keyboard, with visible focus, and chips do not move', async () => {
  const page = await open();
  const boxes = async () => page.locator('.nw-chip').evaluateAll((els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return [Math.round(r.x), Math.round(r.y), Math.round(r.width)];
  }));
  const before = await boxes();
  await page.keyboard.press('Tab'); // "Read the intro"
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Read the introShow less');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'nw-search-input');
  await page.keyboard.type('gene');
  await page.waitForFunction(() => document.querySelectorAll('article').length < 20);
  assert.deepEqual(await boxes(), before, 'chips moved while counts changed');
  await page.keyboard.press('Tab'); // All topics
  await page.keyboard.press('Tab'); // first topic chip
  const first = await page.evaluate(() => document.activeElement.querySelector('.nw-chip-label')?.textContent);
  assert.equal(first, sampleIssue._newsletter.topics[0].label);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.activeElement.getAttribute('aria-pressed') === 'true');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.getAttribute('aria-pressed') === 'false');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('nw-chip')), 'focus stayed on the chip');
});

test('a long issue shows 30 cards, more on request, and a new filter starts again from the first page', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=long.json`);
  await readerReady(page);
  await page.locator('.nw-status').waitFor();
  const cards = () => page.locator('article').count();
  assert.equal(await cards(), 30);
  assert.equal(await status(page), '70 stories');
  await page.getByRole('button', { name: 'Show more stories (40 more)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 60);
  assert.equal((await headlines(page))[59], longIssue.items[59].title);
  await page.getByRole('button', { name: 'Show more stories (10 more)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 70);
  assert.equal(await page.locator('.nw-show-more').count(), 0);
  // A search starts from the first page again, and so does clearing it.
  await page.getByLabel('Search stories').fill('story');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 30);
  await page.getByLabel('Search stories').fill('');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 30);
  assert.equal(await page.locator('.nw-show-more').textContent(), 'Show more stories (40 more)');
  assert.deepEqual(page.uncaught, []);
});

test('"Clear all" appears whenever a filter or search is on, and chips are named for screen readers', async () => {
  const page = await open();
  const clearAll = page.getByRole('button', { name: 'Clear all' });
  assert.equal(await clearAll.count(), 0);
  // A chip's name is its label and count, without stray punctuation or the tick.
  const oncology = withTag('Oncology').length;
  const name = `Oncology, ${oncology} ${oncology === 1 ? 'story' : 'stories'}`;
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('article').length === n, oncology);
  assert.equal(await page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed'), 'true');
  await page.getByLabel('Search stories').fill('fda');
  await clearAll.click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 20);
  assert.equal(await page.getByLabel('Search stories').inputValue(), '');
  assert.equal(await clearAll.count(), 0);
  // Focus stays in the filters, not lost with the button that went.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'nw-search-input');
});
