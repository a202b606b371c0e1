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
 * Answers requests for real https origins from local test servers:
 * `hosts` maps an origin (`https://formspree.io`) to a local base URL. Each
 * request is forwarded as sent (method, headers, body, same path and query)
 * and the local answer returned as is, so the widget talks to the
 * provider's real address while a server on 127.0.0.1 records and answers.
 * Routed on the context, so tabs the page opens are covered too. Chromium
 * answers CORS preflights of routed requests itself; the answer's own CORS
 * headers still decide whether the page may read it.
 */
export async function forwardHosts(context, hosts) {
  for (const [origin, local] of Object.entries(hosts)) {
    await context.route(`${origin}/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const headers = Object.fromEntries(Object.entries(await request.allHeaders())
        .filter(([name]) => !name.startsWith(':') && !['host', 'connection', 'content-length'].includes(name)));
      headers['x-forwarded-host'] = url.host;
      const body = request.postDataBuffer();
      try {
        const answer = await new Promise((resolve, reject) => {
          const forwarded = http.request(new URL(url.pathname + url.search, local), { method: request.method(), headers }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          });
          forwarded.on('error', reject);
          forwarded.end(body ?? undefined);
        });
        const responseHeaders = Object.fromEntries(Object.entries(answer.headers)
          .filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name))
          .map(([name, value]) => [name, String(value)]));
        await route.fulfill({ status: answer.status, headers: responseHeaders, body: answer.body });
      } catch {
        // The page gave up (a timeout test) or the local server closed.
        await route.abort().catch(() => {});
      }
    });
  }
}

/**
 * Waits until the reader has taken the page over: the demo page shows a
 * pre-rendered issue (`newsletter prerender`) until the reader has its own.
 */
export async function readerReady(page) {
  await page.waitForFunction(() => !document.getElementById('nw-prerendered') && !document.querySelector('#nw-reader[hidden]') && document.querySelector('.nw'));
}

/**
 * Waits until every embedded widget's reader has taken its shadow root
 * over: a snapshot, or the first page the widget painted itself before its
 * reader was ready, is gone, and the reader's root shows.
 */
export async function embedReady(page, selector = 'newsletter-widget') {
  await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((host) => {
    const root = host.shadowRoot;
    return root && !root.getElementById('nw-prerendered')
      && [...root.children].some((child) => child.localName === 'div' && !child.hidden && child.firstElementChild?.classList.contains('nw-host'));
  }), selector);
}
