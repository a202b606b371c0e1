// End to end: stepping through an archive of issues in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, readerReady, sampleIssue, historyStep } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const title = (page) => page.locator('h1').textContent();
// The compact bar under the masthead; the end of an issue has its own.
const bar = (page) => page.locator('.nw-archive-top');
const waitForTitle = (page, text) => page.waitForFunction((t) => document.querySelector('h1')?.textContent === t, text);

test('the demo page opens the archive on its newest issue', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/`);
  await readerReady(page);
  await page.locator('article').nth(19).waitFor();
  assert.equal(await title(page), sampleIssue.title);
  // One issue: no archive bar at all.
  assert.equal(await page.locator('.nw-archive').count(), 0);
});

test('older, newer and the list step through issues; the issue is in the address', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=feeds/archive/index.json`);
  await waitForTitle(page, 'Issue of 4 December');
  // Controls that cannot act are not shown: the newest has no "Newer".
  assert.equal(await bar(page).getByRole('button', { name: 'Newer issue →' }).count(), 0);
  const options = await bar(page).locator('option').allTextContents();
  assert.deepEqual(options, ['4 December 2025 · Issue of 4 December', '27 November 2025 · Issue of 27 November', '20 November 2025 · Issue of 20 November']);

  await bar(page).getByRole('button', { name: '← Older issue' }).click();
  await waitForTitle(page, 'Issue of 27 November');
  assert.equal(new URL(page.url()).hash, '#issue=2025-11-27');
  assert.equal(await bar(page).getByRole('button', { name: 'Newer issue →' }).count(), 1);

  await page.getByLabel('Choose an issue').selectOption('2025-11-20');
  await waitForTitle(page, 'Issue of 20 November');
  assert.equal(await page.getByRole('button', { name: '← Older issue' }).count(), 0);

  await historyStep(page, -1);
  await waitForTitle(page, 'Issue of 27 November');
});

test('chosen topics carry over to another issue where they exist; an opened address restores both', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=feeds/archive/index.json#issue=2025-12-04&topics=oncology,china`);
  await waitForTitle(page, 'Issue of 4 December');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 2);
  await bar(page).getByRole('button', { name: '← Older issue' }).click();
  await waitForTitle(page, 'Issue of 27 November');
  // 27 November has Oncology but no China story.
  await page.locator('article').first().waitFor();
  assert.deepEqual(await page.locator('article h3').allTextContents(), ['Oncology story']);
  assert.deepEqual(await page.locator('.nw-chip[aria-pressed="true"] .nw-chip-label').allTextContents(), ['Oncology']);
});

test('an index inside an index is named as the problem', async () => {
  const page = await openPage(browser);
  await page.route('**/feeds/archive/2025-12-04.json', (route) => route.fulfill({ path: 'tests/feeds/archive/index.json' }));
  await page.goto(`${server.base}/?src=feeds/archive/index.json`);
  await page.locator('[role="alert"]').waitFor();
  assert.match(await page.locator('.nw-error-message').textContent(), /2025-12-04\.json is an archive index, but an issue was expected here\./);
});
