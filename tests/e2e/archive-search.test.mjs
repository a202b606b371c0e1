// End to end: search and topics across a whole archive (issue 16), on an
// archive written at test time (issues, then `newsletter index`), served
// with the release bundle: the scope switch, results grouped by issue and
// highlighted, a topic across issues with its counts, opening a result and
// coming back, the address (with "More results"), a missing index or shard
// and trying again, and the embed with its "Back to results".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, openPage, readerReady, distDir, historyStep } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.tsv': 'text/tab-separated-values; charset=utf-8' };

// Four weekly issues of four stories. "CRISPR" is in three issues, every
// story says "weekly" (16 results: two pages), Oncology is on five stories.
const WEEKS = ['2025-11-13', '2025-11-20', '2025-11-27', '2025-12-04'];
const LABELS = { '2025-11-13': '13 November 2025', '2025-11-20': '20 November 2025', '2025-11-27': '27 November 2025', '2025-12-04': '4 December 2025' };
const MONTH = { '11': 'November', '12': 'December' };
function issue(date, week) {
  const stories = [
    { id: 'lead', title: week === 1 ? 'A quiet week for oncology' : `CRISPR trial ${date}`, text: `The weekly lead of ${date}: CRISPR editing in a phase 1 trial.`, tags: ['Oncology'] },
    { id: 'policy', title: `Policy news ${date}`, text: `A weekly look at the thérapie génique rules. <img src=x onerror=alert(1)>`, tags: ['Policy'] },
    { id: 'market', title: `Markets ${date}`, text: 'The weekly deals of biotech.', tags: week === 3 ? ['Oncology', 'Markets'] : ['Markets'] },
    { id: 'research', title: `Research ${date}`, text: 'A weekly round-up of papers.', tags: ['Research'] },
  ];
  if (week === 1) stories[0].text = 'The weekly lead: no gene editing news, oncology only.';
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `Issue of ${Number(date.slice(8))} ${MONTH[date.slice(5, 7)]}`,
    _newsletter: { name: 'Archive search test', issue_date: date },
    items: stories.map((s) => ({ id: s.id, title: s.title, content_text: s.text, tags: s.tags })),
  };
}

let work;
let server;
let browser;
const requests = [];

/**
 * Serves dist/ at /, and the generated archives at /gen/, /broken/ (no story
 * shard), /nomanifest/, /flaky/ (its first manifest request answers 503) and
 * /flakyshard/ (its first story shard request answers 503).
 */
async function staticServer(mounts, extra) {
  const s = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    if (extra[url.pathname]) return extra[url.pathname](req, res);
    const prefix = Object.keys(mounts).sort((a, b) => b.length - a.length).find((p) => url.pathname.startsWith(p));
    const file = path.join(mounts[prefix], path.normalize(decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html'));
    fs.readFile(file, (err, body) => {
      if (err) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    });
  });
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${s.address().port}`, close: () => new Promise((r) => { s.closeAllConnections(); s.close(r); }) };
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-archive-search-'));
  const gen = path.join(work, 'gen');
  fs.mkdirSync(gen);
  WEEKS.forEach((date, week) => fs.writeFileSync(path.join(gen, `${date}.json`), JSON.stringify(issue(date, week), null, 2)));
  execFileSync('cargo', ['run', '--quiet', '-p', 'newsletter-cli', '--', 'index', gen], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  assert.ok(fs.existsSync(path.join(gen, 'search', 'manifest.json')), 'newsletter index writes search/');
  // The same archive with its story shard gone, and one without an index.
  for (const name of ['broken', 'nomanifest']) fs.cpSync(gen, path.join(work, name), { recursive: true });
  for (const file of fs.readdirSync(path.join(work, 'broken', 'search')).filter((f) => f.startsWith('stories-'))) {
    fs.rmSync(path.join(work, 'broken', 'search', file));
  }
  fs.rmSync(path.join(work, 'nomanifest', 'search'), { recursive: true });
  // Files that fail once, then answer. Files sharing `trouble` fail once
  // between them.
  const failingOnce = (file, trouble = { failed: false }) => (req, res) => {
    if (!trouble.failed) {
      trouble.failed = true;
      return res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] }).end(fs.readFileSync(file));
  };
  const shardTrouble = { failed: false };
  const flakyShards = Object.fromEntries(fs.readdirSync(path.join(gen, 'search'))
    .filter((f) => f.startsWith('stories-'))
    .map((f) => [`/flakyshard/search/${f}`, failingOnce(path.join(gen, 'search', f), shardTrouble)]));
  server = await staticServer(
    {
      '/': distDir,
      '/gen/': gen,
      '/broken/': path.join(work, 'broken'),
      '/nomanifest/': path.join(work, 'nomanifest'),
      '/flaky/': gen,
      '/flakyshard/': gen,
    },
    {
      '/flaky/search/manifest.json': failingOnce(path.join(gen, 'search', 'manifest.json')),
      ...flakyShards,
      '/embed': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><title>Host</title>
        <script type="module" src="/newsletter-widget.js"></script>
        <main><newsletter-widget archive="/gen/index.json"></newsletter-widget></main>`),
    },
  );
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const open = async (address) => {
  const page = await openPage(browser);
  await page.goto(`${server.base}${address}`);
  await readerReady(page);
  await page.locator('article').first().waitFor();
  return page;
};
const search = (page) => page.getByRole('searchbox');
const scope = (page, name) => page.getByRole('group', { name: 'Search in' }).getByRole('button', { name });
const status = (page) => page.locator('.nw-stories .nw-status');
const waitForStatus = (page, text) => page.waitForFunction((t) => document.querySelector('.nw-stories .nw-status')?.textContent === t, text);
/** The results: each issue's heading and its stories' headlines. */
const results = (page) => page.locator('.nw-archive-issue').evaluateAll((groups) => groups.map((g) => ({
  date: g.querySelector('.nw-archive-issue-date').textContent,
  stories: [...g.querySelectorAll('.nw-archive-hit-link')].map((a) => a.textContent),
})));

test('"All issues" searches every issue: results grouped by issue date, newest first, highlighted; the index is fetched only then', async () => {
  requests.length = 0;
  const page = await open('/?src=gen/index.json');
  assert.equal(await scope(page, 'This issue').getAttribute('aria-pressed'), 'true');
  assert.equal(requests.filter((r) => r.includes('/search/')).length, 0, 'nothing of the index at page load');
  await scope(page, 'All issues').click();
  assert.equal(await scope(page, 'All issues').getAttribute('aria-pressed'), 'true');
  await waitForStatus(page, 'Search every issue: type a word, or choose a topic.');
  await search(page).fill('crispr');
  await waitForStatus(page, '3 stories in all issues');
  assert.deepEqual(await results(page), [
    { date: LABELS['2025-12-04'], stories: ['CRISPR trial 2025-12-04'] },
    { date: LABELS['2025-11-27'], stories: ['CRISPR trial 2025-11-27'] },
    { date: LABELS['2025-11-13'], stories: ['CRISPR trial 2025-11-13'] },
  ]);
  assert.deepEqual(await page.locator('.nw-archive-hit-link mark').allTextContents(), ['CRISPR', 'CRISPR', 'CRISPR']);
  assert.match(await page.locator('.nw-archive-hit-excerpt').first().innerHTML(), /<mark>CRISPR<\/mark> editing/);
  await page.waitForFunction(() => location.hash === '#scope=all&q=crispr');
  // Accents fold as in one issue; the excerpt's markup is text, never run.
  await search(page).fill('THERAPIE genique');
  await waitForStatus(page, '4 stories in all issues');
  assert.equal(await page.locator('.nw-archive-hit-excerpt mark').count(), 8);
  assert.equal(await page.locator('.nw-archive-hit img').count(), 0);
  // Paging: 16 stories, 10 at first, then the rest.
  await search(page).fill('weekly');
  await waitForStatus(page, '16 stories in all issues');
  assert.equal(await page.locator('.nw-archive-hit').count(), 10);
  await page.getByRole('button', { name: 'More results' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.nw-archive-hit').length === 16);
  // Focus moves to the first new result, past which the button moved.
  await page.waitForFunction(() => document.activeElement === document.querySelectorAll('.nw-archive-hit-link')[10]);
  assert.deepEqual((await results(page)).map((g) => g.date), WEEKS.slice().reverse().map((w) => LABELS[w]), 'one heading per issue across pages');
  assert.equal(await page.getByRole('button', { name: 'More results' }).count(), 0);
  // The pages shown are in the address: a reload shows as many.
  await page.waitForFunction(() => location.hash === '#scope=all&q=weekly&pages=2');
  await page.reload();
  await waitForStatus(page, '16 stories in all issues');
  assert.equal(await page.locator('.nw-archive-hit').count(), 16);
  assert.equal(await page.getByRole('button', { name: 'More results' }).count(), 0);
  // Back in this issue: its own search, with the words kept, and no pages.
  await scope(page, 'This issue').click();
  await page.waitForFunction(() => document.querySelectorAll('article').length === 4);
  assert.equal(await search(page).inputValue(), 'weekly');
  await page.waitForFunction(() => location.hash === '#q=weekly');
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a topic across issues: every topic with its archive count, and a chip lists its stories newest first', async () => {
  const page = await open('/?src=gen/index.json');
  await scope(page, 'All issues').click();
  const chip = page.locator('.nw-chip', { hasText: 'Oncology' });
  await chip.waitFor();
  assert.equal(await chip.getAttribute('aria-label'), 'Oncology, 5 stories');
  assert.equal(await page.locator('.nw-chip', { hasText: 'Research' }).getAttribute('aria-label'), 'Research, 4 stories');
  await chip.click();
  await waitForStatus(page, '5 stories in all issues');
  assert.deepEqual(await results(page), [
    { date: LABELS['2025-12-04'], stories: ['CRISPR trial 2025-12-04', 'Markets 2025-12-04'] },
    { date: LABELS['2025-11-27'], stories: ['CRISPR trial 2025-11-27'] },
    { date: LABELS['2025-11-20'], stories: ['A quiet week for oncology'] },
    { date: LABELS['2025-11-13'], stories: ['CRISPR trial 2025-11-13'] },
  ]);
  await page.waitForFunction(() => location.hash === '#scope=all&topics=oncology');
  // Counts follow the search.
  await search(page).fill('crispr');
  await waitForStatus(page, '3 stories in all issues');
  assert.equal(await page.locator('.nw-chip', { hasText: 'Research' }).getAttribute('aria-label'), 'Research, 0 stories');
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a result opens its story in its issue, and Back returns to the results', async () => {
  const page = await open('/?src=gen/index.json');
  await scope(page, 'All issues').click();
  await search(page).fill('crispr');
  await waitForStatus(page, '3 stories in all issues');
  // The search is in the address (written once the results are painted).
  await page.waitForFunction(() => location.hash === '#scope=all&q=crispr');
  await page.getByRole('link', { name: 'CRISPR trial 2025-11-27' }).click();
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Issue of 27 November');
  assert.equal(new URL(page.url()).hash, '#issue=2025-11-27&story=lead');
  // The story is opened and focused, among every story of its issue.
  await page.waitForFunction(() => document.activeElement?.closest('article')?.dataset.story === 'lead');
  assert.equal(await page.locator('article').count(), 4);
  assert.equal(await scope(page, 'This issue').getAttribute('aria-pressed'), 'true');
  // On the page, the browser's Back is the way back: no button of the embed's.
  assert.equal(await page.getByRole('button', { name: 'Back to results' }).count(), 0);
  await historyStep(page, -1);
  await waitForStatus(page, '3 stories in all issues');
  assert.equal(await search(page).inputValue(), 'crispr');
  assert.equal(await scope(page, 'All issues').getAttribute('aria-pressed'), 'true');
  assert.equal((await results(page)).length, 3);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('an address with scope=all opens on the results', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=gen/index.json#scope=all&topics=oncology&q=crispr`);
  await waitForStatus(page, '3 stories in all issues');
  assert.equal(await scope(page, 'All issues').getAttribute('aria-pressed'), 'true');
  assert.equal(await search(page).inputValue(), 'crispr');
  assert.equal(await page.locator('.nw-chip[aria-pressed="true"] .nw-chip-label').textContent(), 'Oncology');
  assert.equal((await results(page)).length, 3);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a missing shard or index: search across issues says it is unavailable, search in the issue still works', async () => {
  for (const archive of ['broken', 'nomanifest']) {
    const page = await open(`/?src=${archive}/index.json`);
    await scope(page, 'All issues').click();
    await search(page).fill('crispr');
    const message = page.locator('.nw-archive-unavailable');
    await message.waitFor();
    assert.equal(await message.getAttribute('role'), 'status');
    assert.match(await message.textContent(), /^Search across issues is unavailable/);
    // The issue's own search goes on beneath it.
    await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
    assert.equal(await page.locator('article mark').first().textContent(), 'CRISPR');
    await scope(page, 'This issue').click();
    await page.waitForFunction(() => !document.querySelector('.nw-archive-unavailable'));
    await search(page).fill('weekly');
    await page.waitForFunction(() => document.querySelectorAll('article').length === 4);
    assert.deepEqual(page.uncaught, [], archive);
    await page.context().close();
  }
});

test('in the embed: search across issues, and a result opens in the widget, leaving the host address alone', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/embed`);
  const widget = page.locator('newsletter-widget');
  await widget.locator('article').first().waitFor();
  await widget.getByRole('button', { name: 'All issues' }).click();
  await widget.getByRole('searchbox').fill('crispr');
  await page.waitForFunction(() => document.querySelector('newsletter-widget').shadowRoot.querySelectorAll('.nw-archive-hit').length === 3);
  assert.equal(await widget.locator('.nw-archive-hit-link mark').first().textContent(), 'CRISPR');
  await widget.getByRole('link', { name: 'CRISPR trial 2025-11-13' }).click();
  await page.waitForFunction(() => document.querySelector('newsletter-widget').shadowRoot.querySelector('h1')?.textContent === 'Issue of 13 November');
  await page.waitForFunction(() => {
    const root = document.querySelector('newsletter-widget').shadowRoot;
    return root.activeElement?.closest('article')?.dataset.story === 'lead';
  });
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a search typed after "More results" starts again at one page', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/?src=gen/index.json#scope=all&q=weekly&pages=2`);
  await waitForStatus(page, '16 stories in all issues');
  assert.equal(await page.locator('.nw-archive-hit').count(), 16);
  await search(page).fill('weekly lead');
  await waitForStatus(page, '4 stories in all issues');
  await page.waitForFunction(() => location.hash === '#scope=all&q=weekly%20lead');
  await search(page).fill('weekly');
  await waitForStatus(page, '16 stories in all issues');
  assert.equal(await page.locator('.nw-archive-hit').count(), 10);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('an index that failed once: "Try again" asks again and shows the results; search in the issue works meanwhile', async () => {
  requests.length = 0;
  const page = await open('/?src=flaky/index.json');
  await search(page).fill('crispr');
  await page.waitForFunction(() => document.querySelectorAll('article').length === 1);
  await scope(page, 'All issues').click();
  const message = page.locator('.nw-archive-unavailable');
  await message.waitFor();
  assert.match(await message.textContent(), /^Search across issues is unavailable/);
  // The issue's own search stays beneath it.
  assert.equal(await page.locator('article').count(), 1);
  assert.equal(await page.locator('article mark').first().textContent(), 'CRISPR');
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitForStatus(page, '3 stories in all issues');
  assert.equal((await results(page)).length, 3);
  assert.equal(await page.locator('.nw-archive-unavailable').count(), 0);
  assert.equal(requests.filter((r) => r === '/flaky/search/manifest.json').length, 2, 'the manifest asked for again');
  // The button is gone with the message: focus is on the results' status.
  await page.waitForFunction(() => document.activeElement?.classList.contains('nw-status'));
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('a story shard that failed once is asked for again by the next search', async () => {
  requests.length = 0;
  const page = await open('/?src=flakyshard/index.json');
  await scope(page, 'All issues').click();
  await search(page).fill('crispr');
  await page.locator('.nw-archive-unavailable').waitFor();
  await search(page).fill('crispr trial');
  await waitForStatus(page, '3 stories in all issues');
  assert.deepEqual((await results(page)).map((g) => g.stories), [['CRISPR trial 2025-12-04'], ['CRISPR trial 2025-11-27'], ['CRISPR trial 2025-11-13']]);
  const shardRequests = requests.filter((r) => r.startsWith('/flakyshard/search/stories-'));
  assert.ok(shardRequests.some((r, at) => shardRequests.indexOf(r) !== at), `a shard asked for twice: ${shardRequests}`);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

/** In the embed's shadow root: the page waits until `check(root)` holds. */
const inWidget = (page, check, arg) => page.waitForFunction(
  ([source, arg]) => new Function('root', 'arg', `return (${source})(root, arg)`)(document.querySelector('newsletter-widget').shadowRoot, arg),
  [check.toString(), arg],
);

test('in the embed, "Back to results" returns from an opened result to the same results, focus on its link', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/embed`);
  const widget = page.locator('newsletter-widget');
  await widget.locator('article').first().waitFor();
  assert.equal(await widget.getByRole('button', { name: 'Back to results' }).count(), 0);
  await widget.getByRole('button', { name: 'All issues' }).click();
  await widget.getByRole('searchbox').fill('weekly');
  await inWidget(page, (root) => root.querySelectorAll('.nw-archive-hit').length === 10);
  await widget.getByRole('button', { name: 'More results' }).click();
  await inWidget(page, (root) => root.querySelectorAll('.nw-archive-hit').length === 16);
  // A result of the second page, in an older issue.
  const link = widget.locator('.nw-archive-hit-link').nth(14);
  const href = await link.getAttribute('href');
  const [, issueId, storyId] = href.match(/^#issue=([^&]+)&story=(.+)$/);
  assert.notEqual(issueId, '2025-12-04');
  await link.click();
  await inWidget(page, (root, date) => root.querySelector('h1')?.textContent === date, `Issue of ${Number(issueId.slice(8))} November`);
  await inWidget(page, (root, story) => root.activeElement?.closest('article')?.dataset.story === story, storyId);
  const back = widget.getByRole('button', { name: 'Back to results' });
  await back.click();
  // The same results: the search, its pages, and the opened result focused.
  await inWidget(page, (root) => root.querySelectorAll('.nw-archive-hit').length === 16);
  await inWidget(page, (root, href) => root.activeElement?.getAttribute('href') === href, href);
  assert.equal(await widget.getByRole('searchbox').inputValue(), 'weekly');
  assert.equal(await widget.getByRole('button', { name: 'All issues' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await widget.locator('.nw-stories .nw-status').textContent(), '16 stories in all issues');
  assert.equal(await widget.locator('h1').textContent(), 'Issue of 4 December');
  assert.equal(await back.count(), 0);
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});

test('in the embed, "Back to results" works within one issue, and goes once the reader steps to another issue or chooses "This issue"', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.base}/embed`);
  const widget = page.locator('newsletter-widget');
  await widget.locator('article').first().waitFor();
  const back = widget.getByRole('button', { name: 'Back to results' });
  const openResult = async (name, date) => {
    await widget.getByRole('button', { name: 'All issues' }).click();
    await widget.getByRole('searchbox').fill('crispr');
    await inWidget(page, (root) => root.querySelectorAll('.nw-archive-hit').length === 3);
    await widget.getByRole('link', { name }).click();
    await inWidget(page, (root, date) => root.querySelector('h1')?.textContent === date && !!root.querySelector('.nw-back-to-results'), date);
  };
  // A result in the issue shown: back to its results in the same issue.
  await openResult('CRISPR trial 2025-12-04', 'Issue of 4 December');
  await back.click();
  await inWidget(page, (root) => root.activeElement?.getAttribute('href') === '#issue=2025-12-04&story=lead');
  assert.equal(await widget.locator('.nw-archive-hit').count(), 3);
  // Again, then "This issue".
  await openResult('CRISPR trial 2025-12-04', 'Issue of 4 December');
  await widget.getByRole('button', { name: 'This issue' }).click();
  await inWidget(page, (root) => !root.querySelector('.nw-back-to-results'));
  // A result in another issue, then a step to a newer one.
  await openResult('CRISPR trial 2025-11-27', 'Issue of 27 November');
  await widget.locator('.nw-archive-top .nw-newer').click();
  await inWidget(page, (root) => root.querySelector('h1')?.textContent === 'Issue of 4 December');
  await widget.locator('article').first().waitFor();
  assert.equal(await back.count(), 0);
  assert.deepEqual(page.uncaught, []);
  await page.context().close();
});
