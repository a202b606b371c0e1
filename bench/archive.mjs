// Benchmark: search across the archive, our static index against Pagefind
// 1.6.0, on the same generated archive (bench/archive-generate.mjs): 260
// weekly issues of 20 stories, then 10 times that.
//
// For each side: the index's build time and size on disk, and in headless
// Chromium on 127.0.0.1 the bytes fetched (response bodies as sent, gzipped
// as a static host would, counted by the server) for a first query after
// load, everything included (search code, wasm, index files), then for a
// second, different query and a topic listing; and the time from the call
// to 10 results painted.
// - Pagefind: its JS API (pagefind.js, its wasm, index, filters, and the
//   10 results' fragments).
// - Ours, the query code alone: the page loads core/src/archive_search
//   compiled alone to wasm (bench/archive-wasm.rs, built here with the
//   release profile and wasm-opt -Oz), fetches the manifest and the files
//   its plan names, and paints the page of results it writes.
// - Ours, the widget: the release bundle (dist/, `trunk build --release`
//   first) on the demo page reading the archive. After load the reader picks
//   "All issues" (the manifest and the topics file), then each query is a
//   keystroke in its search box (or a click on a topic chip), timed to the
//   results painted. Its bytes are those fetched after load: the reader
//   already has the bundle, which is printed apart.
//
// Usage: node bench/archive.mjs [rounds]   (ARCHIVE_SCALES=1,10 by default;
// needs pagefind from npm: npm install; WIDGET_DIST=a copy of dist/)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, distDir } from '../tests/e2e/harness.mjs';
import { writeArchive } from './archive-generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCALES = (process.env.ARCHIVE_SCALES ?? '1,10').split(',').map(Number);
const WEEKS = 260;
const ROUNDS = Number(process.argv[2] ?? 3);

const run = (command, args, options = {}) => {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return { ms: performance.now() - start, stdout: result.stdout, stderr: result.stderr };
};

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(file));
    else out.push(file);
  }
  return out;
}
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;
const size = (files, measure = (f) => fs.statSync(f).size) => files.reduce((sum, f) => sum + measure(f), 0);

// Text is gzipped on the fly, as static hosts do; Pagefind's index files
// are gzipped already and go as they are.
const COMPRESSIBLE = /\.(html|js|mjs|json|tsv|css|wasm)$/;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.tsv': 'text/tab-separated-values; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css' };
// Counts the bytes of every response body it sends (the test pages
// aside): Pagefind fetches from a worker, which a page's own network
// events do not show.
function serve(mounts, pages) {
  const gzipped = new Map();
  const sent = { bytes: 0, files: [] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (pages[url.pathname]) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(pages[url.pathname]);
    const mount = Object.keys(mounts).find((prefix) => url.pathname.startsWith(prefix));
    if (!mount) return res.writeHead(404).end();
    const file = mount.endsWith('/')
      ? path.join(mounts[mount], path.normalize(decodeURIComponent(url.pathname.slice(mount.length))))
      : mounts[mount];
    if (!file.startsWith(mounts[mount]) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' };
    let body = fs.readFileSync(file);
    if (COMPRESSIBLE.test(file) && /gzip/.test(req.headers['accept-encoding'] ?? '')) {
      if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(body, { level: 6 }));
      body = gzipped.get(file);
      headers['content-encoding'] = 'gzip';
    }
    sent.bytes += body.length;
    sent.files.push(`${url.pathname} ${body.length}`);
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    sent,
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  })));
}

// Pagefind's page: its JS API, the results' data (10 fragments) painted.
const PAGEFIND_PAGE = `<!doctype html><meta charset="utf-8"><title>Pagefind</title><ol id="results"></ol>
<script type="module">
let pagefind;
window.query = async (text, topic) => {
  const start = performance.now();
  pagefind ??= await import('/pf/pagefind/pagefind.js');
  const search = topic ? await pagefind.search(null, { filters: { topic } }) : await pagefind.search(text);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  document.getElementById('results').innerHTML = data.map((d) => '<li><b>' + d.meta.title + '</b> ' + d.excerpt + '</li>').join('');
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  return { ms: performance.now() - start, total: search.results.length, top: data[0]?.url };
};
</script>`;

// Our page: the query code as wasm (fetched with the first query, as
// Pagefind's), the manifest, the files the plan names, the results painted.
const OURS_PAGE = `<!doctype html><meta charset="utf-8"><title>Ours</title><div id="results"></div>
<script type="module">
let search, manifestRead;
const encoder = new TextEncoder();
const text = (url) => fetch(url).then((r) => { if (!r.ok) throw new Error(url + ' ' + r.status); return r.text(); });
const put = (value) => {
  const bytes = encoder.encode(value);
  const at = search.alloc(bytes.length);
  new Uint8Array(search.memory.buffer, at, bytes.length).set(bytes);
  return [at, bytes.length];
};
const output = () => new TextDecoder().decode(new Uint8Array(search.memory.buffer, search.output_ptr(), search.output_len()));
const check = (status) => { if (status !== 0) throw new Error(output()); return output(); };
const names = (list) => list.split('\\n').filter(Boolean);
// The time spent in our code (wasm calls and copying text in), apart from
// waiting for the network: what must fit in a frame once the files are in.
// Each step's share is kept too (\`steps\`), to show where a cold first
// query's work goes.
let work = 0;
let steps = {};
const timed = (step, action) => {
  const start = performance.now();
  const out = action();
  const ms = performance.now() - start;
  work += ms;
  steps[step] = (steps[step] ?? 0) + ms;
  return out;
};
const load = async (step, files) => {
  const texts = await Promise.all(files.map((f) => text('/ours/search/' + f)));
  timed(step, () => files.forEach((f, i) => search.file(...put(f), ...put(texts[i]))));
};
window.query = async (query) => {
  const start = performance.now();
  work = 0;
  steps = {};
  if (!search) {
    const [{ instance }, manifest] = await Promise.all([
      WebAssembly.instantiateStreaming(fetch('/ours/archive_search.wasm'), {}),
      text('/ours/search/manifest.json'),
    ]);
    search = instance.exports;
    timed('manifest', () => check(search.manifest(...put(manifest))));
  }
  await load('files in', names(timed('plan', () => check(search.plan(...put(query))))));
  await load('files in', names(timed('plan', () => check(search.postings()))));
  await load('files in', names(timed('match', () => check(search.matches()))));
  timed('page', () => { document.getElementById('results').innerHTML = check(search.page()); });
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  return { ms: performance.now() - start, work, steps, total: Number(document.querySelector('#results p').textContent.split(' ')[0]) };
};
</script>`;

// Driving the widget's own page: one input event ("a keystroke") or a chip
// click, then the results (status and first result, no longer busy)
// written, then painted.
const WIDGET_DRIVER = () => {
  const status = () => document.querySelector('.nw-archive-results .nw-status')?.textContent;
  const settled = (expected) => status() === expected && document.querySelector('.nw-archive-results[aria-busy="false"] .nw-archive-hit');
  const until = (done) => new Promise((resolve, reject) => {
    if (done()) return resolve();
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); clearTimeout(late); resolve(); } });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const late = setTimeout(() => { observer.disconnect(); reject(new Error(`still "${status()}" after 60 s`)); }, 60000);
  });
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  const type = (text) => {
    const input = document.getElementById('nw-search-input');
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  };
  window.openAllIssues = async () => {
    const start = performance.now();
    [...document.querySelectorAll('.nw-scope:not([inert]) .nw-scope-choice')].find((b) => b.textContent === 'All issues').click();
    await until(() => status()?.startsWith('Search every issue'));
    await painted();
    return { ms: performance.now() - start, work: 0, total: 0 };
  };
  const stories = (n) => (n === 1 ? '1 story in all issues' : `${n} stories in all issues`);
  window.keystroke = async (text, total) => {
    // No topic chosen: the query alone.
    if (!document.querySelector('.nw-filters:not([inert]) .nw-chip-all[aria-pressed="true"]')) {
      document.querySelector('.nw-filters:not([inert]) .nw-chip-all').click();
      await until(() => document.querySelector('.nw-filters:not([inert]) .nw-chip-all[aria-pressed="true"]') && !document.querySelector('.nw-archive-results[aria-busy="true"]'));
    }
    const start = performance.now();
    type(text);
    await until(() => settled(stories(total)));
    await painted();
    return { ms: performance.now() - start, work: 0, total };
  };
  window.topicChip = async (label, total) => {
    type('');
    await until(() => status()?.startsWith('Search every issue'));
    const start = performance.now();
    [...document.querySelectorAll('.nw-filters:not([inert]) .nw-chip')].find((b) => b.querySelector('.nw-chip-label')?.textContent === label).click();
    await until(() => settled(stories(total)));
    await painted();
    return { ms: performance.now() - start, work: 0, total };
  };
};

async function measure(browser, server, page, steps) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const phase = async (action) => {
    server.sent.bytes = 0;
    server.sent.files = [];
    const result = await action();
    if (process.env.ARCHIVE_VERBOSE) console.error(page, server.sent.files);
    return { ...result, bytes: server.sent.bytes };
  };
  await tab.goto(server.base + page);
  const out = [];
  for (const step of steps) out.push(await phase(() => step(tab)));
  await context.close();
  return out;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const kb = (n) => (n / 1024).toFixed(1);

const plansBinary = path.join(root, 'target', 'release', 'examples', 'search_plan');
const newsletter = path.join(root, 'target', 'release', 'newsletter');
run('cargo', ['build', '--release', '-q', '-p', 'newsletter-cli', '--bin', 'newsletter', '--example', 'search_plan'], { cwd: root, stdio: 'inherit' });
// The query code alone as wasm: a throwaway crate outside the repository
// whose library is bench/archive-wasm.rs, with the widget's release profile.
const wasmCrate = path.join(os.tmpdir(), 'nw-archive-wasm');
const wasmTarget = path.join(os.tmpdir(), 'nw-archive-wasm-target');
fs.mkdirSync(wasmCrate, { recursive: true });
fs.writeFileSync(path.join(wasmCrate, 'Cargo.toml'), `[package]
name = "archive-search-bench"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = ${JSON.stringify(path.join(root, 'bench', 'archive-wasm.rs'))}
crate-type = ["cdylib"]

[dependencies]
newsletter-core = { path = ${JSON.stringify(path.join(root, 'core'))} }

[workspace]

[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
`);
run('cargo', ['build', '--offline', '-q', '--release', '--target', 'wasm32-unknown-unknown', '--target-dir', wasmTarget], { cwd: wasmCrate, stdio: 'inherit' });
const wasmDir = path.join(wasmTarget, 'bench');
fs.mkdirSync(wasmDir, { recursive: true });
const wasmFile = path.join(wasmDir, 'archive_search.wasm');
run(path.join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals',
  path.join(wasmTarget, 'wasm32-unknown-unknown', 'release', 'archive_search_bench.wasm'), '-o', wasmFile]);
const pagefindBin = path.join(root, 'node_modules', '.bin', 'pagefind');
if (!fs.existsSync(pagefindBin)) throw new Error('pagefind is missing: npm install (package.json has it)');
// The widget's release bundle, if there is one: dist/, or a copy of it
// (WIDGET_DIST), so other builds may replace dist/ while this runs.
const widgetDir = process.env.WIDGET_DIST ?? distDir;
const bundle = fs.existsSync(widgetDir) ? fs.readdirSync(widgetDir).filter((f) => /^newsletter-widget-[0-9a-f]+(_bg\.wasm|\.js)$/.test(f)) : [];
const bundleBytes = size(bundle.map((f) => path.join(widgetDir, f)), gzipSize);

const wasmBytes = zlib.gzipSync(fs.readFileSync(wasmFile), { level: 6 }).length;
const browser = await launch();
const rows = [];
try {
  for (const scale of SCALES) {
    const weeks = WEEKS * scale;
    const dir = path.join(os.tmpdir(), `nw-archive-bench-${weeks}`);
    const tail = writeArchive(dir, weeks);
    const issuesDir = path.join(dir, 'issues');
    const siteDir = path.join(dir, 'site');
    // Queries: two words in most stories, then a rare name (in a few
    // dozen stories), then a topic across the archive.
    const rare = tail[400].toLowerCase();
    const ours = { build: [], pfBuild: [] };
    for (let round = 0; round < ROUNDS; round++) {
      fs.rmSync(path.join(issuesDir, 'search'), { recursive: true, force: true });
      fs.rmSync(path.join(siteDir, 'pagefind'), { recursive: true, force: true });
      ours.build.push(run(newsletter, ['index', issuesDir]).ms);
      ours.pfBuild.push(run(pagefindBin, ['--site', siteDir, '--quiet']).ms);
    }
    const searchFiles = filesUnder(path.join(issuesDir, 'search'));
    const pfFiles = filesUnder(path.join(siteDir, 'pagefind'));
    const pfIndexFiles = pfFiles.filter((f) => /\.(pf_index|pf_fragment|pf_meta|pf_filter)$|pagefind-entry\.json$/.test(f));
    const plans = run(plansBinary, [path.join(issuesDir, 'search'), 'gene therapy', rare, 'topic:oncology']).stdout
      .trim().split('\n').map((line) => JSON.parse(line));

    const server = await serve({ '/pf/': siteDir, '/ours/archive_search.wasm': wasmFile, '/ours/': issuesDir, '/w/': widgetDir }, {
      '/pagefind.html': PAGEFIND_PAGE,
      '/ours.html': OURS_PAGE,
    });
    const pf = { first: [], second: [], topic: [] };
    const our = { first: [], second: [], topic: [], repeat: [] };
    const widget = { load: [], open: [], first: [], second: [], topic: [], repeat: [] };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const [first, second, topic] = await measure(browser, server, '/pagefind.html', [
          (tab) => tab.evaluate(() => window.query('gene therapy')),
          (tab) => tab.evaluate((q) => window.query(q), rare),
          (tab) => tab.evaluate(() => window.query(null, 'Oncology')),
        ]);
        pf.first.push(first); pf.second.push(second); pf.topic.push(topic);
        const [ourFirst, ourSecond, ourTopic, ourRepeat] = await measure(browser, server, '/ours.html', [
          (tab) => tab.evaluate(() => window.query('gene therapy')),
          (tab) => tab.evaluate((q) => window.query(q), rare),
          (tab) => tab.evaluate(() => window.query('topic:oncology')),
          // The first query again, its files cached: the work once warm.
          (tab) => tab.evaluate(() => window.query('gene therapy')),
        ]);
        our.first.push(ourFirst);
        our.second.push(ourSecond); our.topic.push(ourTopic); our.repeat.push(ourRepeat);
        if (bundle.length) {
          const totals = [ourFirst.total, ourSecond.total, ourTopic.total];
          const steps = await measure(browser, server, '/w/index.html?src=/ours/index.json', [
            async (tab) => {
              await tab.waitForFunction(() => document.getElementById('nw-search-input') && document.querySelector('.nw-scope:not([inert])'));
              await tab.evaluate(WIDGET_DRIVER);
              return { ms: 0, work: 0, total: 0 };
            },
            (tab) => tab.evaluate(() => window.openAllIssues()),
            (tab) => tab.evaluate((n) => window.keystroke('gene therapy', n), totals[0]),
            (tab) => tab.evaluate(([q, n]) => window.keystroke(q, n), [rare, totals[1]]),
            (tab) => tab.evaluate((n) => window.topicChip('Oncology', n), totals[2]),
            (tab) => tab.evaluate((n) => window.keystroke('gene therapy', n), totals[0]),
          ]);
          ['load', 'open', 'first', 'second', 'topic', 'repeat'].forEach((key, at) => widget[key].push(steps[at]));
        }
      }
    } finally {
      await server.close();
    }
    const pick = (xs, key) => median(xs.map((x) => x[key]));
    rows.push({
      scale, stories: weeks * 20,
      ourBuild: median(ours.build), pfBuild: median(ours.pfBuild),
      ourSize: size(searchFiles), ourSizeGz: size(searchFiles, gzipSize), ourFiles: searchFiles.length,
      pfSize: size(pfFiles), pfIndexSize: size(pfIndexFiles), pfFiles: pfFiles.length,
      plans, rare, bundleBytes,
      pf: Object.fromEntries(Object.entries(pf).map(([k, xs]) => [k, { bytes: pick(xs, 'bytes'), ms: pick(xs, 'ms'), total: xs[0].total }])),
      our: Object.fromEntries(Object.entries(our).map(([k, xs]) => [k, {
        bytes: pick(xs, 'bytes'), ms: pick(xs, 'ms'), work: pick(xs, 'work'), total: xs[0].total,
        steps: Object.fromEntries(Object.keys(xs[0].steps).map((step) => [step, median(xs.map((x) => x.steps[step] ?? 0))])),
      }])),
      widget: bundle.length ? Object.fromEntries(Object.entries(widget).map(([k, xs]) => [k, { bytes: pick(xs, 'bytes'), ms: pick(xs, 'ms'), total: xs[0].total }])) : null,
    });
  }
} finally {
  await browser.close();
}

console.log(`\nArchive search, ours against Pagefind 1.6.0, headless Chromium, median of ${ROUNDS} rounds (KB as sent, gzip):\n`);
console.log('| stories | query | ours KB | Pagefind KB | ratio | ours ms to results painted | Pagefind ms | ratio | ours work in wasm ms | results (ours stories / Pagefind pages) |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  for (const [key, label] of [['first', 'first: "gene therapy"'], ['second', `second: "${r.rare}"`], ['topic', 'topic: Oncology']]) {
    const o = r.our[key];
    const p = r.pf[key];
    console.log(`| ${r.stories} | ${label} | ${kb(o.bytes)} | ${kb(p.bytes)} | ${(o.bytes / p.bytes).toFixed(2)} | ${o.ms.toFixed(1)} | ${p.ms.toFixed(1)} | ${(o.ms / p.ms).toFixed(2)} | ${o.work.toFixed(1)} | ${o.total} / ${p.total} |`);
  }
}
if (rows[0]?.widget) {
  console.log('\nThe widget itself (dist/ on its demo page): bytes fetched after load (the first query includes "All issues", its manifest and topics file), time from the keystroke (or chip click) to the results painted, median of the same rounds:\n');
  console.log('| stories | query | widget KB | Pagefind KB | ratio | widget ms keystroke to painted | Pagefind ms | ratio | results |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const w = r.widget;
    const firstBytes = w.open.bytes + w.first.bytes;
    for (const [key, label, bytes] of [['first', 'first: "gene therapy"', firstBytes], ['second', `second: "${r.rare}"`, w.second.bytes], ['topic', 'topic: Oncology', w.topic.bytes]]) {
      const p = r.pf[key];
      console.log(`| ${r.stories} | ${label} | ${kb(bytes)} | ${kb(p.bytes)} | ${(bytes / p.bytes).toFixed(2)} | ${w[key].ms.toFixed(1)} | ${p.ms.toFixed(1)} | ${(w[key].ms / p.ms).toFixed(2)} | ${w[key].total} |`);
    }
  }
  console.log('\nThe widget: "All issues" (manifest and topics file) KB / ms to the prompt painted, and "gene therapy" again, once warm, ms: ' +
    rows.map((r) => `${r.stories} stories: ${kb(r.widget.open.bytes)} KB / ${r.widget.open.ms.toFixed(1)} ms, ${r.widget.repeat.ms.toFixed(1)} ms`).join('; '));
}
console.log('\nWhere our work in wasm goes, by step (ms, medians): reading the manifest (the first query only), planning, taking the fetched files in, matching, writing the page:\n');
console.log('| stories | query | manifest | plan | files in | match | page | all |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  for (const key of ['first', 'second', 'topic', 'repeat']) {
    const s = r.our[key].steps;
    console.log(`| ${r.stories} | ${key} | ${['manifest', 'plan', 'files in', 'match', 'page'].map((step) => (s[step] ?? 0).toFixed(1)).join(' | ')} | ${r.our[key].work.toFixed(1)} |`);
  }
}
console.log('\nOur work in wasm for "gene therapy" again, once warm (its files cached), ms: ' + rows.map((r) => `${r.stories} stories: ${r.our.repeat.work.toFixed(1)}`).join('; '));
console.log(`\nOur first query includes the query code as wasm: ${kb(wasmBytes)} KB gzip (the widget's whole bundle, JS + wasm, is ${kb(bundleBytes)} KB gzip; in the widget the query code comes with it). The same work natively (release profile), ms: ` +
  rows.map((r) => `${r.stories} stories: ${r.plans.map((p) => (p.micros / 1000).toFixed(2)).join(', ')}`).join('; '));
console.log('\nIndex on disk and build time:\n');
console.log('| stories | ours KB (files) | ours gzip KB | Pagefind index KB | Pagefind folder KB (files) | size ratio (ours / Pagefind index) | ours build ms | Pagefind build ms | build ratio |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.stories} | ${kb(r.ourSize)} (${r.ourFiles}) | ${kb(r.ourSizeGz)} | ${kb(r.pfIndexSize)} | ${kb(r.pfSize)} (${r.pfFiles}) | ${(r.ourSize / r.pfIndexSize).toFixed(2)} | ${r.ourBuild.toFixed(0)} | ${r.pfBuild.toFixed(0)} | ${(r.ourBuild / r.pfBuild).toFixed(2)} |`);
}
if (rows.length > 1) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  console.log(`\nGrowth from ${a.stories} to ${b.stories} stories (x${b.stories / a.stories}), bytes per query:`);
  for (const key of ['first', 'second', 'topic']) {
    console.log(`- ${key}: ours x${(b.our[key].bytes / a.our[key].bytes).toFixed(2)} (${kb(a.our[key].bytes)} to ${kb(b.our[key].bytes)} KB), Pagefind x${(b.pf[key].bytes / a.pf[key].bytes).toFixed(2)} (${kb(a.pf[key].bytes)} to ${kb(b.pf[key].bytes)} KB)`);
  }
}
