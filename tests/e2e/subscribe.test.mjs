// End to end: the subscribe form against each provider's real https address
// (the widget accepts no other), answered by a local HTTP server on 127.0.0.1
// that implements the provider's documented contract: the browser context
// forwards every request for those hosts to it (harness `forwardHosts`).
// The server sends CORS headers as the provider does, and the tests assert
// the exact request it received and what the reader saw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { serve, launch, openPage, readerReady, forwardHosts, sampleIssue, lacks, textAfterMailto } from './harness.mjs';

let site;
let provider;
let browser;
/** The providers' real origins, all answered by `provider`. */
let providerHosts;
/** Requests the provider received: { host, method, path, query, headers, body }. */
let received = [];
/** How the JSON endpoint answers next: [status, body] or 'hang' or 'hold'. */
let jsonAnswer = [200, '{"ok":true}'];
let release;
/** Mailchimp addresses that have had their one failed request. */
const failedOnce = new Set();
/** Mailchimp's JSONP callback: a fresh, unguessable name for every request. */
const jsonpName = /^__newsletterWidgetJsonp_[0-9a-f]{16,}$/;

const readBody = (req) => new Promise((resolve) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => resolve(body));
});

before(async () => {
  provider = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const cors = { 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      // The preflight a JSON POST needs, answered as Formspree and listmonk do.
      return res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'accept, content-type' }).end();
    }
    const body = await readBody(req);
    received.push({ host: req.headers['x-forwarded-host'], method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    if (url.pathname === '/f/xyzabc') {
      if (jsonAnswer === 'hang') return; // never answers: the form must time out
      if (jsonAnswer === 'hold') {
        release = () => res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}');
        return;
      }
      const [status, text] = jsonAnswer;
      return res.writeHead(status, { ...cors, 'content-type': 'application/json' }).end(text);
    }
    if (url.pathname === '/api/public/subscription') {
      return res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"data":{"has_optin":true}}');
    }
    if (url.pathname === '/subscribe/post-json') {
      // Mailchimp answers JSONP only, calling the function named by `c`.
      // An address starting "flaky" fails once, as a script that does not load.
      const email = url.searchParams.get('EMAIL');
      if (email.startsWith('flaky') && !failedOnce.has(email)) {
        failedOnce.add(email);
        return res.writeHead(500, { 'content-type': 'text/plain' }).end('busy');
      }
      const already = url.searchParams.get('EMAIL').startsWith('old');
      const answer = already
        ? { result: 'error', msg: `${url.searchParams.get('EMAIL')} is already subscribed to list Newsletter. <a href="https://example.com/profile">Click here to update your profile</a>` }
        : { result: 'success', msg: 'Almost finished... We need to confirm your email address. To complete the subscription process, please click the link in the email we just sent you.' };
      return res.writeHead(200, { 'content-type': 'application/javascript' }).end(`${url.searchParams.get('c')}(${JSON.stringify(answer)})`);
    }
    if (url.pathname === '/forms/123/subscriptions') {
      return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Check your email</p>');
    }
    res.writeHead(404, cors).end();
  });
  await new Promise((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const local = `http://127.0.0.1:${provider.address().port}`;
  providerHosts = Object.fromEntries(['https://formspree.io', 'https://lists.example.org', 'https://example.us1.list-manage.com', 'https://app.kit.com']
    .map((origin) => [origin, local]));
  const feedWith = (subscribe) => (req, res) => res
    .writeHead(200, { 'content-type': 'application/json' })
    .end(JSON.stringify({ ...sampleIssue, _newsletter: { ...sampleIssue._newsletter, subscribe: { title: 'Join the Community', text: 'Subscribe to our newsletter for the latest news and updates', ...subscribe } } }));
  site = await serve({
    '/sub/json.json': feedWith({ provider: 'json', url: 'https://formspree.io/f/xyzabc', timeout_ms: 1500 }),
    '/sub/listmonk.json': feedWith({ provider: 'listmonk', url: 'https://lists.example.org', list_uuids: ['6a1e2f1c-0000-4000-8000-000000000001'] }),
    '/sub/mailchimp.json': feedWith({ provider: 'mailchimp', url: 'https://example.us1.list-manage.com/subscribe/post?u=abc123&id=def456' }),
    '/sub/kit.json': feedWith({ provider: 'kit', url: 'https://app.kit.com/forms/123/subscriptions' }),
    '/sub/mailto.json': feedWith({ provider: 'mailto', address: 'editor@example.org' }),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await new Promise((resolve) => { provider.closeAllConnections(); provider.close(resolve); });
});

/** A page whose requests to the providers' hosts reach `provider`. */
async function providerPage() {
  const page = await openPage(browser);
  await forwardHosts(page.context(), providerHosts);
  return page;
}

/** Opens the page with `feed` and returns the subscribe box after the stories. */
async function openForm(feed) {
  received = [];
  const page = await providerPage();
  await page.goto(`${site.base}/?src=sub/${feed}.json`);
  await readerReady(page);
  const box = page.locator('.nw-end .nw-subscribe');
  await box.locator('form').waitFor();
  return { page, box };
}

const submit = async (box, email, name) => {
  await box.getByLabel('Email address').fill(email);
  if (name !== undefined) await box.getByLabel('Name').fill(name);
  await box.getByRole('button', { name: 'Subscribe' }).click();
};

test('the form shows the feed\'s heading and text, near the top and after the stories', async () => {
  const { page } = await openForm('json');
  assert.deepEqual(await page.locator('.nw-subscribe-title').allTextContents(), ['Join the Community', 'Join the Community']);
  assert.equal(await page.locator('.nw-subscribe-text').first().textContent(), 'Subscribe to our newsletter for the latest news and updates');
  // The honeypot is hidden from people and from assistive technology.
  const honeypot = page.locator('.nw-honeypot').first();
  assert.equal(await honeypot.getAttribute('aria-hidden'), 'true');
  assert.equal(await honeypot.locator('input').getAttribute('tabindex'), '-1');
  assert.equal(await honeypot.isVisible(), true); // off-screen, not display: none
  const box = await honeypot.boundingBox();
  assert.ok(box.x < 0, 'the honeypot sits off-screen');
});

test('an invalid email is marked and explained, and nothing is sent', async () => {
  const { box } = await openForm('json');
  await submit(box, 'not-an-email');
  const input = box.getByLabel('Email address');
  await box.locator('.nw-field-error').waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const describedBy = await input.getAttribute('aria-describedby');
  assert.equal(await box.locator(`#${describedBy}`).textContent(), 'Enter an email address like name@example.com.');
  assert.equal(await input.evaluate((el) => el === el.getRootNode().activeElement), true);
  assert.deepEqual(received, []);
});

test('json provider: one POST with the documented body, busy while sending, then "check your inbox"', async () => {
  jsonAnswer = 'hold';
  const { page, box } = await openForm('json');
  await submit(box, 'reader+news@example.org', 'Ada "A." Lovelace');
  const button = box.getByRole('button', { name: 'Sending…' });
  await button.waitFor();
  assert.equal(await button.isDisabled(), true);
  // The server holds its answer until the busy state has been seen.
  await new Promise((resolve) => { const check = () => (release ? resolve() : setImmediate(check)); check(); });
  release();
  release = null;
  await box.locator('.nw-subscribe-done').waitFor();
  assert.equal(await box.locator('.nw-subscribe-done').textContent(), 'Check your inbox to confirm your subscription.');
  assert.equal(received.length, 1);
  const [request] = received;
  assert.equal(request.host, 'formspree.io');
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/f/xyzabc');
  assert.deepEqual(JSON.parse(request.body), { email: 'reader+news@example.org', name: 'Ada "A." Lovelace' });
  assert.equal(request.headers.accept, 'application/json');
  assert.equal(request.headers['content-type'], 'application/json');
  assert.equal(request.headers.cookie, undefined);
  // Focus moved to what happens next.
  assert.equal(await box.locator('.nw-subscribe-done').evaluate((el) => el === el.getRootNode().activeElement), true);
  // The other box on the page says so too, instead of offering the form again.
  const other = page.locator('.nw-subscribe').first();
  await other.locator('.nw-subscribe-done').waitFor();
  assert.equal(await other.locator('.nw-subscribe-done').textContent(), 'Check your inbox to confirm your subscription.');
  assert.equal(await other.locator('form').count(), 0);
  assert.equal(await page.locator('.nw-subscribe').count(), 2);
});

test('json provider: the provider\'s own words for a validation error', async () => {
  jsonAnswer = [422, '{"error":"Validation errors","errors":[{"field":"email","message":"This email address is on a block list."}]}'];
  const { box } = await openForm('json');
  await submit(box, 'blocked@example.org');
  await box.locator('.nw-subscribe-problem', { hasText: 'block list' }).waitFor();
  assert.match(await box.locator('.nw-subscribe-problem').textContent(), /This email address is on a block list\./);
  assert.equal(await box.getByRole('button', { name: 'Retry' }).count(), 0);
});

test('json provider: a server error offers Retry, which sends again', async () => {
  jsonAnswer = [500, 'Internal Server Error'];
  const { box } = await openForm('json');
  await submit(box, 'reader@example.org');
  const retry = box.getByRole('button', { name: 'Retry' });
  await retry.waitFor();
  jsonAnswer = [200, '{"ok":true}'];
  await retry.click();
  await box.locator('.nw-subscribe-done').waitFor();
  assert.equal(received.length, 2);
});

test('json provider: a malformed reply to an error is reported, not shown raw', async () => {
  jsonAnswer = [400, '<html>not json'];
  const { box } = await openForm('json');
  await submit(box, 'reader@example.org');
  await box.getByRole('button', { name: 'Retry' }).waitFor();
  assert.doesNotMatch(await box.locator('.nw-subscribe-problem').textContent(), /<html>/);
});

test('json provider: no answer in time is a timeout with Retry', async () => {
  jsonAnswer = 'hang';
  const { box } = await openForm('json');
  await submit(box, 'reader@example.org');
  await box.locator('.nw-subscribe-problem', { hasText: 'did not answer in time' }).waitFor();
  assert.equal(await box.getByRole('button', { name: 'Retry' }).count(), 1);
  assert.equal(await box.getByRole('button', { name: 'Subscribe' }).isDisabled(), false);
  jsonAnswer = [200, '{"ok":true}'];
});

test('listmonk: POST /api/public/subscription with email, name and list_uuids', async () => {
  const { box } = await openForm('listmonk');
  await submit(box, 'reader@example.org', 'Ada');
  await box.locator('.nw-subscribe-done').waitFor();
  assert.equal(await box.locator('.nw-subscribe-done').textContent(), 'Check your inbox to confirm your subscription.');
  assert.equal(received[0].host, 'lists.example.org');
  assert.equal(received[0].path, '/api/public/subscription');
  assert.deepEqual(JSON.parse(received[0].body), { email: 'reader@example.org', name: 'Ada', list_uuids: ['6a1e2f1c-0000-4000-8000-000000000001'] });
});

/** What a JSONP request left behind: its script elements and its callback. */
const jsonpLeftovers = (page, name) => page.evaluate((callback) => ({
  scripts: [...document.querySelectorAll('script')].filter((script) => script.src.includes(callback)).length,
  callback: typeof window[callback],
}), name);

test('mailchimp: a JSONP GET with EMAIL, FNAME, the honeypot and the callback; success and already subscribed', async () => {
  const { page, box } = await openForm('mailchimp');
  await submit(box, 'a+b&c@example.org', 'Ada');
  await box.locator('.nw-subscribe-done').waitFor();
  const { host, path, query } = received[0];
  assert.equal(host, 'example.us1.list-manage.com');
  assert.equal(path, '/subscribe/post-json');
  assert.equal(query.u, 'abc123');
  assert.equal(query.id, 'def456');
  assert.equal(query.EMAIL, 'a+b&c@example.org');
  assert.equal(query.FNAME, 'Ada');
  assert.equal(query.b_abc123_def456, '');
  assert.match(query.c, jsonpName);
  assert.equal(await box.locator('.nw-subscribe-done').textContent(), 'Check your inbox to confirm your subscription.');
  // Answered: no script element and no global function stay behind.
  assert.deepEqual(await jsonpLeftovers(page, query.c), { scripts: 0, callback: 'undefined' });

  const again = await openForm('mailchimp');
  await submit(again.box, 'old@example.org');
  await again.box.locator('.nw-subscribe-done').waitFor();
  assert.equal(await again.box.locator('.nw-subscribe-done').textContent(), "You're already subscribed. Thank you!");
  // A fresh page starts no counter over: its callback has another name.
  assert.match(received[0].query.c, jsonpName);
  assert.notEqual(received[0].query.c, query.c);
  assert.deepEqual(await jsonpLeftovers(again.page, received[0].query.c), { scripts: 0, callback: 'undefined' });
});

test('mailchimp: a retry on the same page uses another fresh callback name', async () => {
  const { page, box } = await openForm('mailchimp');
  await submit(box, 'flaky@example.org');
  const retry = box.getByRole('button', { name: 'Retry' });
  await retry.waitFor();
  await retry.click();
  await box.locator('.nw-subscribe-done').waitFor();
  const names = received.map((request) => request.query.c);
  assert.equal(names.length, 2);
  for (const name of names) assert.match(name, jsonpName);
  assert.notEqual(names[0], names[1]);
  assert.deepEqual(await jsonpLeftovers(page, names[1]), { scripts: 0, callback: 'undefined' });
});

test('kit: a native form POST into a new tab with the documented field names', async () => {
  const { page, box } = await openForm('kit');
  const popup = page.context().waitForEvent('page');
  await submit(box, 'reader@example.org', 'Ada');
  const tab = await popup;
  await tab.waitForLoadState();
  assert.equal(await tab.locator('p').textContent(), 'Check your email');
  await box.locator('.nw-subscribe-done').waitFor();
  assert.equal(await box.locator('.nw-subscribe-done').textContent(), 'Almost done: finish subscribing in the new tab.');
  const form = new URLSearchParams(received[0].body);
  assert.equal(received[0].host, 'app.kit.com');
  assert.equal(received[0].path, '/forms/123/subscriptions');
  assert.equal(received[0].method, 'POST');
  assert.equal(form.get('email_address'), 'reader@example.org');
  assert.equal(form.get('fields[first_name]'), 'Ada');
});

test('mailto: the fallback hands over to the email app', { skip: lacks('mailto') }, async () => {
  const { page, box } = await openForm('mailto');
  await box.getByLabel('Email address').fill('reader@example.org');
  // The mailto: navigation it starts never finishes in Firefox: no waiting on it.
  await box.getByRole('button', { name: 'Subscribe' }).click({ noWaitAfter: true });
  assert.equal(await textAfterMailto(page, null, '.nw-end .nw-subscribe', '.nw-subscribe-done'), 'Your email app opens with a message ready: send it to subscribe.');
  assert.deepEqual(received, []);
});

test('in French, the form and the widget\'s own messages are French; a provider\'s words stay its own', async () => {
  received = [];
  const page = await providerPage();
  await page.goto(`${site.base}/?src=sub/json.json&locale=fr`);
  await readerReady(page);
  const box = page.locator('.nw-end .nw-subscribe');
  await box.locator('form').waitFor();
  await box.getByLabel('Adresse e-mail').fill('pas-une-adresse');
  await box.getByRole('button', { name: 'S’abonner' }).click();
  await box.locator('.nw-field-error').waitFor();
  assert.equal(await box.locator('.nw-field-error').textContent(), 'Saisissez une adresse e-mail comme nom@exemple.fr.');
  assert.deepEqual(received, []);

  jsonAnswer = [503, 'busy'];
  await box.getByLabel('Adresse e-mail').fill('lectrice@example.org');
  await box.getByRole('button', { name: 'S’abonner' }).click();
  await box.getByRole('button', { name: 'Réessayer' }).waitFor();
  assert.equal(await box.locator('.nw-subscribe-problem').textContent(),
    'Le service d’envoi de la lettre rencontre un problème (HTTP 503). Veuillez réessayer plus tard.');

  jsonAnswer = [422, '{"errors":[{"field":"email","message":"should be an email"}]}'];
  await box.getByRole('button', { name: 'Réessayer' }).click();
  await page.waitForFunction(() => document.querySelector('.nw-end .nw-subscribe-problem')?.textContent === 'Email should be an email');

  jsonAnswer = [200, '{"ok":true}'];
  await box.getByRole('button', { name: 'S’abonner' }).click();
  await box.locator('.nw-subscribe-done').waitFor();
  assert.equal(await box.locator('.nw-subscribe-done').textContent(), 'Consultez votre boîte de réception pour confirmer votre abonnement.');
  assert.deepEqual(page.uncaught, []);
});
