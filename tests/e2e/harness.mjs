// Shared by the end-to-end tests: a static server for the release bundle and
// the test feeds, and the browser engine the run is for (`ENGINE`):
// Chromium (Playwright over CDP), Firefox ESR (Playwright over WebDriver
// BiDi) or WebKitGTK's MiniBrowser (WebDriver classic, behind the same page
// API: engines/webkit.mjs), all from Debian's packages.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, firefox } from 'playwright-core';
import { launchWebKit } from './engines/webkit.mjs';
import { RoutingProxy } from './engines/proxy.mjs';

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

/** The engine this run tests: `chromium` (the default), `firefox` or `webkit`. */
export const engine = process.env.ENGINE ?? 'chromium';
if (!['chromium', 'firefox', 'webkit'].includes(engine)) throw new Error(`ENGINE=${engine}: expected chromium, firefox or webkit`);

/**
 * What this engine's test browser cannot do, for `test(name, { skip: lacks('…') })`
 * or to leave out one step. WebKitGTK's MiniBrowser, the test shell, has no
 * mail app: a mailto: address replaces its page with an error page, where
 * Safari hands it to Mail and the page stays. (How the mailto: address is
 * built is tested natively, in core's subscribe tests.)
 */
export function lacks(feature) {
  const missing = {
    webkit: { mailto: 'MiniBrowser has no mail app: a mailto: address replaces its page' },
  }[engine] ?? {};
  return missing[feature] ?? false;
}

/**
 * Firefox ESR through WebDriver BiDi. BiDi has no per-context colour scheme
 * or script switch, so a context that asks for dark mode or no scripting
 * gets a second Firefox started with that preference; one test body still
 * reads `browser.newContext({ colorScheme: 'dark' })` in every engine.
 * Playwright's BiDi routing gives handlers no request body, so each
 * context's requests go through a routing proxy of ours instead (as in
 * WebKit), and `route` is answered there with the same patterns and calls.
 */
function launchFirefox() {
  const instances = new Map();
  const instance = ({ colorScheme = 'light', javaScriptEnabled = true } = {}) => {
    const key = `${colorScheme}/${javaScriptEnabled}`;
    if (!instances.has(key)) {
      instances.set(key, firefox.launch({
        channel: 'moz-firefox',
        executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        firefoxUserPrefs: {
          // No updates, telemetry or first-run pages: the machine has no network.
          'app.update.enabled': false,
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.reportingpolicy.firstRun': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          // 0 dark, 1 light: what the page's prefers-color-scheme reads.
          'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
          'javascript.enabled': javaScriptEnabled,
          // Firefox has no clipboard permission to grant: the async clipboard
          // is readable as in a test build instead (grantPermissions below).
          'dom.events.asyncClipboard.readText': true,
          'dom.events.testing.asyncClipboard': true,
          // This machine's own addresses go through the context's proxy too.
          'network.proxy.allow_hijacking_localhost': true,
          // A mail app, as a reader's device has: mailto: goes to a program
          // that does nothing, with no dialog, and the page stays.
          'network.protocol-handler.external.mailto': true,
          'network.protocol-handler.warn-external.mailto': false,
          'network.protocol-handler.app.mailto': '/bin/true',
          'security.external_protocol_requires_permission': false,
        },
      }));
    }
    return instances.get(key);
  };
  /** Routing through the context's proxy, and the clipboard permission Firefox lacks. */
  const adapt = (context, proxy) => {
    const grant = context.grantPermissions.bind(context);
    context.grantPermissions = async (permissions, options) => {
      const rest = permissions.filter((p) => !p.startsWith('clipboard-'));
      if (rest.length) await grant(rest, options);
    };
    context.route = async (pattern, handler) => proxy.route(pattern, handler);
    const adaptPage = (page) => { page.route = context.route; };
    context.pages().forEach(adaptPage);
    context.on('page', adaptPage);
    const close = context.close.bind(context);
    context.close = async (...args) => { await close(...args); await proxy.stop(); };
    return context;
  };
  const proxies = new Set();
  const newContext = async (options = {}) => {
    const proxy = new RoutingProxy({ instrument: false });
    await proxy.start();
    proxies.add(proxy);
    const context = await (await instance(options)).newContext({
      ...options, proxy: { server: `http://127.0.0.1:${proxy.port}` }, ignoreHTTPSErrors: true,
    });
    return adapt(context, proxy);
  };
  return {
    newContext,
    newPage: async (options = {}) => {
      const context = await newContext(options);
      const page = await context.newPage();
      page.close = () => context.close();
      return page;
    },
    version: async () => (await instance()).version(),
    close: async () => {
      await Promise.all([...instances.values()].map(async (b) => (await b).close()));
      await Promise.all([...proxies].map((proxy) => proxy.stop()));
    },
  };
}

export async function launch(extraArgs = []) {
  if (engine === 'firefox') return launchFirefox();
  if (engine === 'webkit') return launchWebKit();
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

const FIREFOX_NOTICES = ['Cross-Origin Request Blocked', 'Cross-Origin Request Warning', 'Content-Security-Policy'];

/** A new page that records uncaught errors, so tests can assert there were none. */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.uncaught = [];
  page.on('pageerror', (error) => {
    // Firefox logs its own network and policy notices at the level BiDi
    // reports uncaught errors at; they are the console's, not the page's.
    if (engine === 'firefox' && FIREFOX_NOTICES.includes(error.name)) return;
    page.uncaught.push(String(error));
  });
  return page;
}

/**
 * Answers requests for real https origins from local test servers:
 * `hosts` maps an origin (`https://formspree.io`) to a local base URL. Each
 * request is forwarded as sent (method, headers, body, same path and query)
 * and the local answer returned as is, so the widget talks to the
 * provider's real address while a server on 127.0.0.1 records and answers.
 * Routed on the context, so tabs the page opens are covered too. Chromium
 * answers CORS preflights of routed requests itself; in Firefox and WebKit
 * (routed by our proxy) the preflight reaches the local server, as it
 * reaches the real provider. The answer's own CORS headers still decide
 * whether the page may read it.
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
 * Waits for an element of the widget `host` (its shadow root; `null`: the
 * page itself, for the demo page's reader): `chain` is
 * selectors, each looked for inside the previous one's first match. Returns
 * its text. By page scripts rather than a locator: once a mailto: address
 * has gone to the mail app, Playwright's Firefox (BiDi) waits for that
 * navigation to end before any locator acts, and it never ends.
 */
export async function textAfterMailto(page, host, ...chain) {
  const find = ([host, chain]) => {
    const found = chain.reduce((at, selector) => at?.querySelector(selector), host ? document.querySelector(host)?.shadowRoot : document);
    return found ? { text: found.textContent } : null;
  };
  await page.waitForFunction(find, [host, chain]);
  return (await page.evaluate(find, [host, chain])).text;
}

/**
 * The browser's Back or Forward button (`step` -1 or 1). Playwright's
 * Firefox (BiDi) never hears of a same-document step to an address without
 * a fragment and waits for it forever, so there the page's own history
 * steps, which is the same session history. Callers wait on what changes.
 */
export async function historyStep(page, step) {
  if (engine === 'firefox') await page.evaluate((step) => history.go(step), step);
  else if (step < 0) await page.goBack();
  else await page.goForward();
}

/**
 * Waits until the reader has taken the page over: the demo page shows a
 * pre-rendered issue (`newsletter prerender`) until the reader has its own.
 * Not while the loading skeleton shows (unless `loading`, for a test that
 * holds its feed): with `?src=` the skeleton comes first, then the page
 * paints the feed's first page and the reader takes that over in turn.
 */
export async function readerReady(page, { loading = false, timeout } = {}) {
  await page.waitForFunction((loading) => !document.getElementById('nw-prerendered') && !document.querySelector('#nw-reader[hidden]')
    && document.querySelector('.nw') && (loading || !document.querySelector('.nw-loading')), loading, { timeout });
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
