// Shared by the end-to-end tests: a static server for the release bundle and
// the test feeds, and a headless Chromium from Debian's packages.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = path.join(root, 'dist');
export const feedsDir = path.join(root, 'tests', 'feeds');
export const sampleIssue = JSON.parse(fs.readFileSync(path.join(root, 'issues', '2025-12-04.json'), 'utf8'));

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/**
 * Serves `dist/` at `/` and `tests/feeds/` at `/feeds/` on 127.0.0.1.
 * `routes` maps a path to a handler `(req, res) => void` for special cases.
 */
export async function serve(routes = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const special = routes[url.pathname];
    if (special) return special(req, res);
    let file;
    if (url.pathname.startsWith('/feeds/')) {
      file = path.join(feedsDir, path.normalize(url.pathname.slice('/feeds/'.length)));
    } else {
      file = path.join(distDir, path.normalize(url.pathname === '/' ? 'index.html' : url.pathname.slice(1)));
    }
    if (!file.startsWith(distDir) && !file.startsWith(feedsDir)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** A new page that records uncaught errors, so tests can assert there were none. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.uncaught = [];
  page.on('pageerror', (error) => page.uncaught.push(String(error)));
  return page;
}

/**
 * Waits until the reader has taken the page over: the demo page shows a
 * pre-rendered issue (`newsletter prerender`) until the reader has its own.
 */
export async function readerReady(page) {
  await page.waitForFunction(() => !document.getElementById('nw-prerendered') && !document.querySelector('#nw-reader[hidden]') && document.querySelector('.nw'));
}
