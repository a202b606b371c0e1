// End to end: DOMPurify's 223 XSS and mutation-XSS payloads (read in place
// from ../shared/peer/xss-payloads.json) in every field a feed has, loaded in
// the demo page and in an embedded widget. Each feed carries a batch of
// payloads: item k has payload k in all its fields, and the feed-level text
// fields carry the whole batch. Nothing may run, ask the network, or leave
// an unsafe element, attribute or link in the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, readerReady, embedReady } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const payloadsPath = path.resolve(root, '..', 'shared', 'peer', 'xss-payloads.json');
const payloads = fs.existsSync(payloadsPath) ? JSON.parse(fs.readFileSync(payloadsPath, 'utf8')).map((entry) => entry.payload) : [];
const skip = payloads.length ? false : `the XSS payloads are not at ${payloadsPath} (the shared peer test data is missing)`;

// At most 15 loads per form: batches of 14 or 15 payloads (fewer than a page
// of 30 cards). A payload never shares a batch with an equal one, so every
// item's id is unique.
const BATCHES = 15;
const batches = Array.from({ length: BATCHES }, () => []);
payloads.forEach((payload, i) => {
  const size = Math.ceil(payloads.length / BATCHES);
  for (let step = 0; step < BATCHES; step += 1) {
    const batch = batches[(i + step) % BATCHES];
    if (batch.length < size && !batch.includes(payload)) return batch.push(payload);
  }
  throw new Error(`no batch for payload ${i}`);
});

/** A feed with `batch` in every field (see the top of this file). */
function feedOf(batch) {
  const all = batch.join('\n\n');
  // Fields that hold one value (addresses, dates, a language tag) take turns.
  const one = (n) => batch[n % batch.length];
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: all,
    description: all,
    home_page_url: one(0),
    feed_url: one(1),
    language: one(2),
    icon: one(3),
    favicon: one(4),
    authors: [{ name: all, url: one(5), avatar: one(6) }],
    _newsletter: {
      name: all,
      tagline: all,
      issue_date: one(7),
      summary: all,
      closing: all,
      topics: batch.map((p) => ({ id: p, label: p })),
      subscribe: {
        title: all,
        text: all,
        provider: 'mailto',
        address: 'editor@example.org',
        consent: { text: all, privacy_url: one(8) },
      },
    },
    items: batch.map((p) => ({
      id: p,
      title: p,
      url: p,
      external_url: p,
      summary: p,
      content_html: p,
      content_text: p,
      tags: [p],
      image: p,
      authors: [{ name: p, url: p, avatar: p }],
      author: { name: p, url: p },
      date_published: p,
      date_modified: p,
      _newsletter: { sources: [{ title: p, url: p }, { url: p }] },
    })),
  };
}

/** How many payload × field placements `feed` holds. */
function placements(feed, batch) {
  const all = batch.join('\n\n');
  const walk = (value) => {
    if (typeof value === 'string') return value === all ? batch.length : Number(batch.includes(value));
    if (value && typeof value === 'object') return Object.values(value).reduce((n, v) => n + walk(v), 0);
    return 0;
  };
  return walk(feed);
}

// A story with only blank fields has nothing to show and is skipped.
const expectedCards = (batch) => batch.filter((p) => p.trim() !== '').length;

let server;
let browser;
let checked = 0;
let loads = 0;

before(async () => {
  if (skip) return;
  const routes = {};
  batches.forEach((batch, b) => {
    const body = JSON.stringify(feedOf(batch));
    routes[`/xss/${b}.json`] = (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    routes[`/xss/embed-${b}.html`] = (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><title>XSS ${b}</title><script data-host type="module" src="/newsletter-widget.js"></script>`
      + `<newsletter-widget data-host id="w" src="/xss/${b}.json"></newsletter-widget>`,
    );
  });
  server = await serve(routes);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Runs in the page: everything wrong in the elements under `scope` (those
 * inside `except` aside), as strings. Only the widget's own forms, inputs, stylesheet link and story
 * images may be there; no element carries a handler, srcdoc or style, and
 * no address uses a script or data scheme.
 */
function inspect(scope, except = null) {
  const problems = [];
  const unsafeScheme = (value) => {
    const squeezed = value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
    if (/^(javascript|data|vbscript):/.test(squeezed)) return true;
    try {
      return ['javascript:', 'data:', 'vbscript:'].includes(new URL(value, document.baseURI).protocol);
    } catch {
      return false;
    }
  };
  const forbidden = /^(script|iframe|frame|frameset|object|embed|applet|svg|math|style|form|base|link|meta|template|audio|video|canvas|img|input|textarea|select)$/;
  const own = (el) => (el.localName === 'form' && el.matches('form.nw-search, form.nw-subscribe-form'))
    || (el.localName === 'input' && el.closest('form.nw-search, form.nw-subscribe-form'))
    || (el.localName === 'img' && el.matches('img.nw-image') && /^https?:$/.test(new URL(el.getAttribute('src'), document.baseURI).protocol))
    || (el.localName === 'link' && el.getAttribute('rel') === 'stylesheet' && new URL(el.href).hostname === '127.0.0.1')
    || el.hasAttribute('data-host');
  for (const el of scope.querySelectorAll('*')) {
    if (except?.contains(el)) continue;
    if (forbidden.test(el.localName) && !own(el)) problems.push(`<${el.localName}> ${el.outerHTML.slice(0, 120)}`);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name) || name === 'srcdoc' || name === 'style') problems.push(`<${el.localName} ${name}="${value.slice(0, 80)}">`);
      if (/^(href|src|action|formaction|xlink:href|poster|srcset|background|data)$/i.test(name) && unsafeScheme(value)) {
        problems.push(`<${el.localName} ${name}="${value.slice(0, 80)}">`);
      }
    }
  }
  return problems;
}

/** Hovers and focuses a sample of what the feed produced, to give planted handlers their chance. */
async function provoke(page, within) {
  const expand = page.locator(`${within} .nw-expand-all`);
  if (await expand.count()) {
    await expand.click();
    // "Expand all" opens the stories (the intro keeps its own fold).
    await page.locator(`${within} article details.nw-rest:not([open])`).first().waitFor({ state: 'detached' });
  }
  const targets = await page.locator(`${within} :is(.nw-masthead, .nw-issue-head, .nw-framing, .nw-chips, .nw-subscribe, article) :is(a, h1, h3, h4, h5, p, li, em, strong, code, pre, blockquote, span, button)`).all();
  const step = Math.max(1, Math.floor(targets.length / 40));
  for (let i = 0; i < targets.length; i += step) {
    // A bounded attempt, not a wait: some targets are hidden or off-layout.
    await targets[i].hover({ force: true, timeout: 1000 }).catch(() => {});
  }
  for (const link of await page.locator(`${within} article a`).all()) await link.focus().catch(() => {});
  for (let i = 0; i < 12; i += 1) await page.keyboard.press('Tab');
}

const forms = {
  page: { address: (b) => `/?src=xss/${b}.json`, within: '#newsletter-widget-page', scope: () => document.querySelector('#newsletter-widget-page') },
  embed: { address: (b) => `/xss/embed-${b}.html`, within: '#w', scope: () => document.querySelector('#w').shadowRoot },
};

for (const [form, how] of Object.entries(forms)) {
  batches.forEach((batch, b) => {
    const name = skip ? `${form}: XSS payloads` : `${form}: payloads of batch ${b + 1}/${BATCHES} in every field run nothing and leave nothing unsafe`;
    if (skip && b > 0) return;
    test(name, { skip }, async () => {
      const page = await openPage(browser);
      const context = page.context();
      const offHost = [];
      const dialogs = [];
      page.on('dialog', (dialog) => { dialogs.push(`${dialog.type()}: ${dialog.message()}`); dialog.dismiss().catch(() => {}); });
      await context.addInitScript(() => {
        window.__calls = [];
        for (const fn of ['alert', 'confirm', 'prompt', 'print', 'open']) {
          window[fn] = (...args) => { window.__calls.push(`${fn}(${String(args[0]).slice(0, 80)})`); return null; };
        }
      });
      await context.route('**', (route) => {
        if (new URL(route.request().url()).hostname === '127.0.0.1') return route.continue();
        offHost.push(route.request().url());
        return route.abort();
      });
      const address = `${server.base}${how.address(b)}`;
      await page.goto(address);
      if (form === 'page') await readerReady(page);
      else await embedReady(page);
      await page.locator(`${how.within} .nw-status`).waitFor();
      assert.equal(await page.locator(`${how.within} article`).count(), expectedCards(batch));
      await provoke(page, how.within);

      const report = await page.evaluate(`(() => {
        const scope = (${how.scope})();
        return {
          calls: window.__calls,
          pwned: window.__pwned ?? null,
          widget: (${inspect})(scope),
          // The rest of the page: the widget writes nothing outside its root.
          document: (${inspect})(document.body, scope),
          frames: document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv]').length,
        };
      })()`);
      assert.deepEqual(report.calls, []);
      assert.deepEqual(dialogs, []);
      assert.equal(report.pwned, null);
      assert.deepEqual(offHost, []);
      assert.deepEqual(page.uncaught, []);
      assert.deepEqual(report.widget, []);
      assert.deepEqual(report.document, []);
      assert.equal(report.frames, 0);
      assert.equal(page.url().split('#')[0], address, 'the page did not navigate');
      checked += placements(feedOf(batch), batch);
      loads += 1;
      await context.close();
    });
  });
}

test('summary of the XSS loads', { skip }, (t) => {
  const line = `xss: ${checked} payload × field placements checked in ${loads} loads (${payloads.length} payloads, ${BATCHES} feeds, page and embed)`;
  t.diagnostic(line);
  assert.equal(loads, BATCHES * Object.keys(forms).length, 'every load was checked');
});
