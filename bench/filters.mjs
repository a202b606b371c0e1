// Benchmark: time from a chip click, and from a keystroke in the search box,
// to the next frame, for 20, 1,000 and 10,000 stories (and 10,000 stories
// with 10,000 topics), in the widget (release bundle) and in a
// plain-JavaScript reference page doing the same DOM work on the same feed;
// and the load, from navigation to the status line. Both pages stay open and
// are measured in alternation.
// Usage: node bench/filters.mjs [rounds]   (run `trunk build --release` first)
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, distDir } from '../tests/e2e/harness.mjs';
import { generateIssue } from './generate.mjs';

// BENCH_SIZES=20,1000 measures only those sizes (for a quick look); NxT is
// N stories with T topics.
const SIZES = (process.env.BENCH_SIZES ?? '20,1000,10000,10000x10000').split(',');
const ROUNDS = Number(process.argv[2] ?? 5);
const QUERY = 'gene therapy fda';

const here = path.dirname(new URL(import.meta.url).pathname);
const css = fs.readdirSync(distDir).find((f) => f.startsWith('widget-') && f.endsWith('.css'));
const routes = {
  '/bench/widget.css': (req, res) => res.writeHead(200, { 'content-type': 'text/css' }).end(fs.readFileSync(path.join(distDir, css))),
  '/bench/reference/index.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(fs.readFileSync(path.join(here, 'reference/index.html'))),
  '/bench/reference/reference.js': (req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(path.join(here, 'reference/reference.js'))),
};
for (const size of SIZES) {
  const [stories, topics] = size.split('x').map(Number);
  const body = JSON.stringify(generateIssue(stories, 42, topics || 0));
  routes[`/bench/feed-${size}.json`] = (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

// Runs in the page. Each measurement gives two figures:
// - work: from the event to the DOM updated with style and layout done
//   (forced by reading a layout property after the app's own tasks ran);
// - frame: from the event to the next frame (a requestAnimationFrame, then a
//   message after it), which adds the wait for the display's cadence.
const installProbe = () => {
  const afterTasks = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => afterTasks().then(resolve)));
  const measure = async (action) => {
    await nextFrame();
    const start = performance.now();
    action();
    await afterTasks();
    document.body.getBoundingClientRect();
    const work = performance.now() - start;
    await nextFrame();
    return [work, performance.now() - start];
  };
  window.__chipClicks = async () => {
    const chips = [...document.querySelectorAll('.nw-chip:not(.nw-chip-all)')].slice(0, 6);
    const times = [];
    for (const chip of [...chips, ...chips]) times.push(await measure(() => chip.click()));
    return times;
  };
  window.__keystrokes = async (query) => {
    const input = document.getElementById('nw-search-input');
    const steps = [...query].map((_, i) => query.slice(0, i + 1)).concat(['']);
    const times = [];
    for (const value of steps) {
      times.push(await measure(() => {
        input.value = value;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, data: value.slice(-1) || null }));
      }));
    }
    return times;
  };
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const server = await serve(routes);
const browser = await launch();
const rows = [];
const loadRows = [];
try {
  for (const size of SIZES) {
    const pages = {};
    const loads = { widget: [], reference: [] };
    for (const [name, url] of [['widget', `/?src=bench/feed-${size}.json`], ['reference', `/bench/reference/index.html?layout=page&src=/bench/feed-${size}.json`]]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => console.error(name, size, String(error)));
      // Load time: navigation start to the status line, the first load
      // warming the caches and three more measured.
      for (let load = 0; load < 4; load++) {
        await page.goto(server.base + url);
        await page.locator('.nw-status').waitFor({ timeout: 120000 });
        if (load > 0) loads[name].push(await page.evaluate(() => performance.now()));
      }
      await page.evaluate(installProbe);
      pages[name] = page;
    }
    loadRows.push({ size, widget: median(loads.widget), reference: median(loads.reference) });
    const times = { widget: { chip: [], key: [] }, reference: { chip: [], key: [] } };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which page goes first, so neither always runs warmer.
      const order = round % 2 ? ['reference', 'widget'] : ['widget', 'reference'];
      for (const name of order) {
        times[name].chip.push(...await pages[name].evaluate(() => window.__chipClicks()));
        times[name].key.push(...await pages[name].evaluate((q) => window.__keystrokes(q), QUERY));
      }
    }
    for (const [action, label] of [['chip', 'chip click'], ['key', 'keystroke']]) {
      const w = times.widget[action];
      const r = times.reference[action];
      const work = (xs) => xs.map(([workMs]) => workMs);
      const frame = (xs) => xs.map(([, frameMs]) => frameMs);
      rows.push({
        size, label, n: w.length,
        widget: median(work(w)), widgetP95: p95(work(w)), reference: median(work(r)), referenceP95: p95(work(r)),
        widgetFrame: median(frame(w)), referenceFrame: median(frame(r)),
      });
    }
    for (const page of Object.values(pages)) await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const fmt = (x) => x.toFixed(1);
console.log(`\nFilters and search, headless Chromium, ${ROUNDS} alternating rounds, ms:\n`);
console.log('| stories | action | widget work median | p95 | reference work median | p95 | ratio | widget to next frame | reference to next frame | samples |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.size} | ${r.label} | ${fmt(r.widget)} | ${fmt(r.widgetP95)} | ${fmt(r.reference)} | ${fmt(r.referenceP95)} | ${(r.widget / r.reference).toFixed(2)} | ${fmt(r.widgetFrame)} | ${fmt(r.referenceFrame)} | ${r.n} |`);
}
console.log('\nLoad, navigation start to the status line (median of 3 warm loads), ms:\n');
console.log('| stories (x topics) | widget | reference | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of loadRows) console.log(`| ${r.size} | ${fmt(r.widget)} | ${fmt(r.reference)} | ${(r.widget / r.reference).toFixed(2)} |`);
