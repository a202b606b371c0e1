// WebKit for the end-to-end tier: WebKitGTK's MiniBrowser, driven through
// WebKitWebDriver (WebDriver classic, the only protocol Debian's WebKitGTK
// speaks), behind the part of Playwright's page API that the tests use, so
// one test body runs in all three engines.
//
// - Locators are resolved in the page by Playwright's own selector engine
//   (its injected script, read from the installed playwright-core), so
//   `getByRole`, `getByLabel`, text filters and shadow-root piercing mean
//   exactly what they mean in Chromium and Firefox.
// - Input is WebDriver actions at the element's centre, as Playwright does.
// - Request routing, init scripts, console messages and uncaught errors go
//   through a local proxy (`proxy.mjs`) that the browser is pointed at.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import { RoutingProxy, RequestView } from './proxy.mjs';

const DEFAULT_TIMEOUT = 30_000;
const POLL_MS = 50;
const ELEMENT = 'element-6066-11e4-a23e-4d8f5c3d7a3b';

const MINIBROWSER_CANDIDATES = [
  process.env.MINIBROWSER,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkitgtk-6.0/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
].filter(Boolean);

/** Playwright's in-page selector engine, as the installed playwright-core ships it. */
let injectedSource;
function playwrightInjectedScript() {
  if (injectedSource) return injectedSource;
  const require = createRequire(import.meta.url);
  const bundle = fs.readFileSync(path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib', 'coreBundle.js'), 'utf8');
  const marker = bundle.indexOf('src/generated/injectedScriptSource.ts');
  const start = bundle.indexOf("= '", marker);
  const end = bundle.indexOf("';\n", start);
  if (marker < 0 || start < 0 || end < 0) throw new Error('playwright-core: its injected script was not found (version changed?)');
  // The bundle keeps it as one JavaScript string literal: evaluate just that literal.
  injectedSource = vm.runInNewContext(bundle.slice(start + 2, end + 1));
  return injectedSource;
}

const injectedOptions = {
  isUnderTest: false, sdkLanguage: 'javascript', frameSeq: 0, testIdAttributeName: 'data-testid',
  stableRafCount: 1, browserName: 'webkit', shouldPrependErrorPrefix: true, isUtilityWorld: false, customEngines: [],
};

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class TimeoutError extends Error {
  constructor(message) { super(message); this.name = 'TimeoutError'; }
}

/** Runs `attempt` until it returns something other than undefined, or fails after `timeout`. */
async function poll(what, timeout, attempt) {
  const deadline = Date.now() + (timeout || DEFAULT_TIMEOUT);
  let last;
  for (;;) {
    last = await attempt();
    if (last !== undefined) return last;
    if (Date.now() > deadline) throw new TimeoutError(`Timeout ${timeout || DEFAULT_TIMEOUT}ms exceeded: ${what}`);
    await sleep(POLL_MS);
  }
}

// ---- Selectors, built as Playwright's client builds them ----------------

const escapeText = (text, exact) => (text instanceof RegExp ? String(text) : `${JSON.stringify(text)}${exact ? 's' : 'i'}`);
const escapeAttr = (text, exact) => (text instanceof RegExp ? String(text)
  : `"${text.replace(/\\/g, '\\\\').replace(/["]/g, '\\"')}"${exact ? 's' : 'i'}`);

function roleSelector(role, options = {}) {
  const props = [];
  if (options.name !== undefined) props.push(['name', escapeAttr(options.name, !!options.exact)]);
  for (const key of ['checked', 'disabled', 'selected', 'expanded', 'pressed', 'level', 'includeHidden']) {
    if (options[key] !== undefined) props.push([key === 'includeHidden' ? 'include-hidden' : key, String(options[key])]);
  }
  return `internal:role=${role}${props.map(([k, v]) => `[${k}=${v}]`).join('')}`;
}

function withFilters(selector, options = {}) {
  let result = selector;
  if (options.hasText !== undefined) result += ` >> internal:has-text=${escapeText(options.hasText, false)}`;
  if (options.hasNotText !== undefined) result += ` >> internal:has-not-text=${escapeText(options.hasNotText, false)}`;
  if (options.has) result += ` >> internal:has=${JSON.stringify(options.has._selector)}`;
  if (options.hasNot) result += ` >> internal:has-not=${JSON.stringify(options.hasNot._selector)}`;
  return result;
}

// ---- In-page helpers, sent with each command -----------------------------

// Returns the elements a selector matches, with Playwright's engine.
const RESOLVE = `const __resolve = (selector) => {
  const injected = globalThis.__nwInjected;
  return injected.querySelectorAll(injected.parseSelector(selector), document);
};`;

class Locator {
  constructor(page, selector) {
    this._page = page;
    this._selector = selector;
  }

  locator(selector, options) {
    const inner = typeof selector === 'string' ? selector : selector._selector;
    return new Locator(this._page, withFilters(`${this._selector} >> ${inner}`, options));
  }
  getByRole(role, options) { return this.locator(roleSelector(role, options)); }
  getByLabel(text, options = {}) { return this.locator(`internal:label=${escapeText(text, !!options.exact)}`); }
  getByText(text, options = {}) { return this.locator(`internal:text=${escapeText(text, !!options.exact)}`); }
  filter(options) { return new Locator(this._page, withFilters(this._selector, options)); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }
  nth(index) { return new Locator(this._page, `${this._selector} >> nth=${index}`); }
  toString() { return `locator(${this._selector})`; }

  /** Runs `body` (a function source taking `els, arg`) on the elements now matched. */
  _run(body, arg) {
    return this._page._script(`${RESOLVE}
      const els = __resolve(arguments[0]);
      return (${body})(els, arguments[1]);`, [this._selector, arg]);
  }

  /** Waits for exactly one element in `state`, then runs `body(el, arg)` on it. */
  async _one(what, body, arg, { timeout, state = 'attached' } = {}) {
    return poll(`${what} ${this}`, timeout, async () => {
      const answer = await this._run(`(els, [state, arg]) => {
        if (els.length > 1) return { strict: els.length };
        const el = els[0];
        if (!el) return null;
        const injected = globalThis.__nwInjected;
        if (state === 'visible' && !injected.elementState(el, 'visible', true).matches) return null;
        if (state === 'enabled' && (!injected.elementState(el, 'visible', true).matches || injected.elementState(el, 'disabled', true).matches)) return null;
        if (state === 'editable' && (!injected.elementState(el, 'visible', true).matches || !injected.elementState(el, 'editable', true).matches)) return null;
        return { value: (${body})(el, arg) };
      }`, [state, arg]);
      if (answer?.strict) throw new Error(`strict mode violation: ${this} resolved to ${answer.strict} elements`);
      return answer ? answer.value : undefined;
    });
  }

  async count() { return this._run('(els) => els.length'); }
  async all() {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }
  async allTextContents() { return this._run('(els) => els.map((el) => el.textContent ?? "")'); }
  async evaluateAll(fn, arg) { return this._run(`(els, arg) => (${fn})(els, arg)`, arg); }

  async waitFor({ state = 'visible', timeout } = {}) {
    await poll(`waiting for ${this} to be ${state}`, timeout, async () => {
      const ok = await this._run(`(els, state) => {
        if (state !== 'detached' && state !== 'hidden' && els.length > 1) return 'strict:' + els.length;
        const injected = globalThis.__nwInjected;
        const visible = els.some((el) => injected.elementState(el, 'visible', true).matches);
        if (state === 'attached') return els.length > 0;
        if (state === 'detached') return els.length === 0;
        if (state === 'hidden') return !visible;
        return visible;
      }`, state);
      if (typeof ok === 'string') throw new Error(`strict mode violation: ${this} resolved to ${ok.slice(7)} elements`);
      return ok ? true : undefined;
    });
  }

  async isVisible() {
    return this._run(`(els) => els.length > 0 && globalThis.__nwInjected.elementState(els[0], 'visible', true).matches`);
  }
  async isDisabled(options) { return this._one('isDisabled', `(el) => globalThis.__nwInjected.elementState(el, 'disabled', true).matches`, null, options); }
  async textContent(options) { return this._one('textContent', '(el) => el.textContent', null, options); }
  async innerText(options) { return this._one('innerText', '(el) => el.innerText', null, options); }
  async innerHTML(options) { return this._one('innerHTML', '(el) => el.innerHTML', null, options); }
  async inputValue(options) { return this._one('inputValue', '(el) => el.value', null, options); }
  async getAttribute(name, options) { return this._one('getAttribute', '(el, name) => el.getAttribute(name)', name, options); }
  async evaluate(fn, arg, options) { return this._page._await(await this._one('evaluate', `(el, arg) => { const value = (${fn})(el, arg); return value instanceof Promise ? { __promise: (window.__nwPending = value, true) } : value; }`, arg, options)); }
  async boundingBox(options) {
    return this._one('boundingBox', '(el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }', null, options);
  }
  async focus(options) { await this._one('focus', '(el) => { el.focus(); return true; }', null, options); }
  async scrollIntoViewIfNeeded(options) {
    await this._one('scrollIntoViewIfNeeded', '(el) => { el.scrollIntoView({ block: "center", inline: "center" }); return true; }', null, { ...options, state: 'visible' });
  }

  /**
   * The viewport point at the element's centre, once it is actionable, as
   * Playwright checks it: scrolled into view, in the same place for two
   * frames (a scroll can restyle what is around it), and the element, not
   * something over it, is what a pointer there would hit.
   */
  async _point(what, options = {}) {
    const state = options.force ? 'attached' : (what === 'click' ? 'enabled' : 'visible');
    let previous = null;
    return poll(`${what} ${this}: the element to be visible, stable and not covered`, options.timeout, async () => {
      const at = await this._one(what, `(el, force) => {
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
        const box = el.getBoundingClientRect();
        const x = Math.round(box.left + box.width / 2);
        const y = Math.round(box.top + box.height / 2);
        let hit = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        const reaches = (node) => { for (let n = node; n; n = n.parentNode || n.host) if (n === el) return true; return false; };
        return { x, y, hit: force || reaches(hit) };
      }`, !!options.force, { timeout: options.timeout, state });
      const same = previous && previous.x === at.x && previous.y === at.y;
      previous = at;
      return same && at.hit ? { x: at.x, y: at.y } : undefined;
    });
  }

  /**
   * As Playwright clicks: at the centre of the element once it is
   * actionable, with the pointer events guarded, so that a click that lands
   * on something else (the page scrolled between the check and the click)
   * reaches nothing and is tried again.
   */
  async click(options = {}) {
    const deadline = Date.now() + (options.timeout || DEFAULT_TIMEOUT);
    for (;;) {
      const { x, y } = await this._point('click', options);
      const armed = options.force || await this._one('click', `(el) => {
        const missed = { value: false };
        const guard = (event) => {
          if (event.composedPath().includes(el)) return;
          missed.value = true;
          event.preventDefault();
          event.stopImmediatePropagation();
        };
        const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
        for (const type of types) window.addEventListener(type, guard, true);
        window.__nwClickGuard = () => {
          for (const type of types) window.removeEventListener(type, guard, true);
          return missed.value;
        };
        return true;
      }`, null, { timeout: options.timeout });
      await this._page._actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
        { type: 'pointerMove', x, y, origin: 'viewport', duration: 0 },
        { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
      ] }]);
      if (options.force) return;
      // The click may have left the page (a link): then it reached its target.
      const missed = await this._page._script('return globalThis.__nwClickGuard ? globalThis.__nwClickGuard() : false;', []).catch(() => false);
      if (!armed || !missed) return;
      if (Date.now() > deadline) throw new TimeoutError(`click ${this}: something else kept receiving the click`);
    }
  }
  async hover(options = {}) {
    const { x, y } = await this._point('hover', options);
    await this._page._actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
      { type: 'pointerMove', x, y, origin: 'viewport', duration: 0 },
    ] }]);
  }
  /**
   * As Playwright fills: the whole text in one input event, as pasting it
   * would (typing it key by key would run a search per letter).
   */
  async fill(value, options) {
    await this._one('fill', `(el, value) => {
      el.focus();
      if (el.isContentEditable) el.textContent = value;
      else {
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
        setter.call(el, value);
      }
      el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: value ? 'insertText' : 'deleteContentBackward', data: value || null }));
      return true;
    }`, value, { ...options, state: 'editable' });
  }
  async press(key, options) {
    await this.focus(options);
    await this._page.keyboard.press(key);
  }
  async type(text, options) {
    await this.focus(options);
    await this._page.keyboard.type(text);
  }
  async pressSequentially(text, options) { return this.type(text, options); }
  async selectOption(value, options) {
    return this._one('selectOption', `(el, value) => {
      const option = [...el.options].find((o) => o.value === value || o.label === value);
      if (!option) throw new Error('no option ' + value);
      el.value = option.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return [option.value];
    }`, value, { ...options, state: 'enabled' });
  }
}

// ---- Keys -----------------------------------------------------------------

const KEYS = {
  Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Control: '\uE009', Alt: '\uE00A',
  Escape: '\uE00C', Space: ' ', PageUp: '\uE00E', PageDown: '\uE00F', End: '\uE010', Home: '\uE011',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Delete: '\uE017', Meta: '\uE03D',
};
const keyValue = (name) => KEYS[name] ?? (name.length === 1 ? name : (() => { throw new Error(`unknown key ${name}`); })());

class Keyboard {
  constructor(page) { this._page = page; }
  async press(combo) {
    const keys = combo === '+' ? ['+'] : combo.split('+').map(keyValue);
    const actions = [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))];
    await this._page._actions([{ type: 'key', id: 'keyboard', actions }]);
  }
  async type(text) {
    const actions = [...text].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    await this._page._actions([{ type: 'key', id: 'keyboard', actions }]);
  }
}

// ---- Page ------------------------------------------------------------------

class Response {
  constructor(info) { this._info = info; }
  url() { return this._info.url; }
  status() { return this._info.status; }
  request() { return new RequestView(this._info.request); }
}

class Page extends EventEmitter {
  constructor(context) {
    super();
    this._context = context;
    this._href = 'about:blank';
    this.keyboard = new Keyboard(this);
    this.uncaught = [];
    this.on('pageerror', (error) => this.uncaught.push(String(error)));
  }

  context() { return this._context; }
  url() { return this._href; }
  locator(selector, options) { return new Locator(this, withFilters(selector, options)); }
  getByRole(role, options) { return this.locator(roleSelector(role, options)); }
  getByLabel(text, options = {}) { return this.locator(`internal:label=${escapeText(text, !!options.exact)}`); }
  getByText(text, options = {}) { return this.locator(`internal:text=${escapeText(text, !!options.exact)}`); }

  /** A command in this page's own window (a context can have several: popups). */
  async _command(method, endpoint, body) {
    await this._context._focus(this);
    return this._context._command(method, endpoint, body);
  }

  /** `waitUntil`: `load` (the default) as WebDriver navigates; `commit` or `domcontentloaded` without waiting for `load`. */
  async goto(url, { waitUntil = 'load' } = {}) {
    if (waitUntil === 'load') await this._command('POST', '/url', { url });
    else {
      await this._command('POST', '/execute/sync', { script: 'location.href = arguments[0]', args: [url] });
      await poll(`goto ${url} (${waitUntil})`, DEFAULT_TIMEOUT, async () => {
        const [href, state] = await this._command('POST', '/execute/sync', { script: 'return [location.href, document.readyState]', args: [] }).catch(() => []);
        return href === url && (waitUntil === 'commit' || state !== 'loading') ? true : undefined;
      });
    }
    this._href = await this._command('GET', '/url');
    return null;
  }
  async reload() { await this._command('POST', '/refresh', {}); this._href = await this._command('GET', '/url'); }
  async goBack() { await this._command('POST', '/back', {}); this._href = await this._command('GET', '/url'); return null; }
  async goForward() { await this._command('POST', '/forward', {}); this._href = await this._command('GET', '/url'); return null; }
  async title() { return this._command('GET', '/title'); }

  /**
   * Runs a script body in the page, with Playwright's selector engine
   * installed first where the document lacks it. Each answer carries the
   * page's address and the console messages and errors since the last one.
   */
  async _script(body, args) {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await this._command('POST', '/execute/sync', {
        script: `if (!globalThis.__nwInjected) return { __install: true };
          const __drain = () => { const out = globalThis.__nwEvents?.splice(0) ?? []; return out; };
          let __value;
          try { __value = (function () { ${body} }).apply(null, arguments); }
          catch (error) { return { __error: String(error && error.stack || error), __href: location.href, __events: __drain() }; }
          return { __value: __value === undefined ? { __undefined: true } : __value, __href: location.href, __events: __drain() };`,
        args,
      });
      if (answer?.__install) {
        await this._command('POST', '/execute/sync', {
          script: `const module = {}; ${playwrightInjectedScript()}
            globalThis.__nwInjected = new (module.exports.InjectedScript())(globalThis, ${JSON.stringify(injectedOptions)});`,
          args: [],
        });
        continue;
      }
      this._href = answer.__href ?? this._href;
      for (const event of answer.__events ?? []) this._context._pageEvent(this, event);
      if (answer.__error) throw new Error(`page.evaluate: ${answer.__error}`);
      const value = answer.__value;
      return value && typeof value === 'object' && value.__undefined ? undefined : value;
    }
    throw new Error('the selector engine could not be installed in the page');
  }

  /** Resolves a value the page left pending (`window.__nwPending`). */
  async _await(value) {
    if (!(value && typeof value === 'object' && value.__promise)) return value;
    const answer = await this._command('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve(window.__nwPending).then((v) => done({ v: v === undefined ? { __undefined: true } : v }), (e) => done({ e: String(e && e.stack || e) }));`,
      args: [],
    });
    if (answer.e) throw new Error(`page.evaluate: ${answer.e}`);
    return answer.v && typeof answer.v === 'object' && answer.v.__undefined ? undefined : answer.v;
  }

  async evaluate(fn, arg) {
    const call = typeof fn === 'function' ? `(${fn})(arguments[0])` : `(${fn})`;
    const value = await this._script(`const value = ${call}; return value instanceof Promise ? { __promise: (window.__nwPending = value, true) } : value;`, [arg]);
    return this._await(value);
  }

  async waitForFunction(fn, arg, options = {}) {
    const call = typeof fn === 'function' ? `(${fn})(arguments[0])` : `(${fn})`;
    return poll(`waitForFunction ${String(fn).slice(0, 120)}`, options.timeout, async () => {
      const value = await this._script(`return ${call};`, [arg]);
      return value ? value : undefined;
    });
  }

  /** As Playwright's: a script element with the file's or the given text, run before this returns. */
  async addScriptTag({ path: file, content }) {
    const text = file ? fs.readFileSync(file, 'utf8') : content;
    await this._script(`const script = document.createElement('script');
      script.textContent = arguments[0];
      (document.head ?? document.documentElement).append(script);
      return true;`, [text]);
  }

  async waitForLoadState() {
    await poll('load state', DEFAULT_TIMEOUT, async () => ((await this._script('return document.readyState', [])) === 'complete' ? true : undefined));
  }

  waitForRequest(predicate, options = {}) { return this._context._waitForNetwork('request', predicate, options.timeout, (info) => new RequestView(info)); }
  waitForResponse(predicate, options = {}) { return this._context._waitForNetwork('response', predicate, options.timeout, (info) => new Response(info)); }

  async setViewportSize(size) { await this._context._setViewport(size); }

  async _actions(actions) {
    await this._command('POST', '/actions', { actions });
    await this._command('DELETE', '/actions');
  }

  /** The viewport (WebDriver classic has no full-page capture). */
  async screenshot(options = {}) {
    const png = Buffer.from(await this._command('GET', '/screenshot'), 'base64');
    if (options.path) fs.writeFileSync(options.path, png);
    return png;
  }

  route(pattern, handler) { return this._context.route(pattern, handler); }
  addInitScript(script, arg) { return this._context.addInitScript(script, arg); }
  async close() { await this._context.close(); }
}

// ---- Context: one WebKitWebDriver session, with its own proxy -------------

class Context {
  constructor(browser, options) {
    this._browser = browser;
    this._options = options;
    this._viewport = options.viewport ?? { width: 1280, height: 720 };
    this._closed = false;
    this._page = null;
  }

  async _start() {
    this._proxy = new RoutingProxy();
    await this._proxy.start();
    this._proxy.on('request', (info) => this._page?.emit('request', new RequestView(info)));
    this._proxy.on('response', (info) => this._page?.emit('response', new Response(info)));
    const port = await freePort();
    this._driver = spawn(this._browser._driverPath, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    drivers.add(this._driver);
    this._driver.on('exit', () => drivers.delete(this._driver));
    this._driverLog = '';
    this._driver.stderr.on('data', (chunk) => { this._driverLog = (this._driverLog + chunk).slice(-4000); });
    this._base = `http://127.0.0.1:${port}`;
    await poll('WebKitWebDriver to start', 20_000, async () => {
      try { const r = await fetch(`${this._base}/status`); return r.ok ? true : undefined; } catch { return undefined; }
    });
    // The browser's own proxy switch covers every scheme (the capability left HTTPS out).
    // Clipboard access is given up front: WebDriver classic has no permission
    // to grant later (grantPermissions below).
    const args = ['--automation', `--proxy=http://127.0.0.1:${this._proxy.port}`, '--ignore-tls-errors', '--javascript-can-access-clipboard=true'];
    if (this._options.colorScheme === 'dark') args.push('--dark-mode');
    // The page's scripts off (and `@media (scripting: none)` true); the driver's own still run.
    if (this._options.javaScriptEnabled === false) args.push('--enable-javascript=false');
    const session = await this._raw('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          acceptInsecureCerts: true,
          unhandledPromptBehavior: 'ignore',
          pageLoadStrategy: 'normal',
          timeouts: { script: DEFAULT_TIMEOUT, pageLoad: 60_000, implicit: 0 },
          'webkitgtk:browserOptions': { binary: this._browser._miniBrowser, args },
        },
      },
    });
    this._session = session.sessionId;
    await this._setViewport(this._viewport);
  }

  async _setViewport(size) {
    this._viewport = size;
    let { width, height } = size;
    // The window's frame is larger than its viewport: measure, then correct once.
    for (let i = 0; i < 2; i += 1) {
      await this._command('POST', '/window/rect', { width, height });
      const inner = await this._command('POST', '/execute/sync', { script: 'return [innerWidth, innerHeight]', args: [] });
      if (inner[0] === size.width && inner[1] === size.height) return;
      width += size.width - inner[0];
      height += size.height - inner[1];
    }
  }

  /** One WebDriver call; bounded, so a driver that stops answering fails the test instead of hanging the run. */
  async _raw(method, endpoint, body, timeout = 120_000) {
    const response = await fetch(`${this._base}${endpoint}`, {
      method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(`WebKitWebDriver ${method} ${endpoint}: ${json.value?.error}: ${json.value?.message}${json.value?.error === 'session not created' ? `\n${this._driverLog}` : ''}`);
      error.code = json.value?.error;
      throw error;
    }
    return json.value;
  }

  /** A session command; a dialog the page opened is reported and dismissed, then the command runs again. */
  async _command(method, endpoint, body) {
    for (;;) {
      try {
        return await this._raw(method, `/session/${this._session}${endpoint}`, body);
      } catch (error) {
        if (error.code !== 'unexpected alert open') throw error;
        const message = await this._raw('GET', `/session/${this._session}/alert/text`).catch(() => '');
        await this._raw('POST', `/session/${this._session}/alert/dismiss`, {}).catch(() => {});
        const dialog = { type: () => 'alert', message: () => message, dismiss: async () => {}, accept: async () => {} };
        this._page?.emit('dialog', dialog);
      }
    }
  }

  _pageEvent(page, event) {
    if (event.kind === 'error') page.emit('pageerror', new Error(event.text));
    else if (event.kind === 'console') page.emit('console', { type: () => event.type, text: () => event.text });
  }

  _waitForNetwork(kind, predicate, timeout = DEFAULT_TIMEOUT, wrap) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this._proxy.off(kind, listener); reject(new TimeoutError(`Timeout ${timeout}ms exceeded while waiting for a ${kind}`)); }, timeout);
      const listener = (info) => {
        const object = wrap(info);
        const matches = typeof predicate === 'function' ? predicate(object) : object.url() === predicate;
        if (!matches) return;
        clearTimeout(timer);
        this._proxy.off(kind, listener);
        resolve(object);
      };
      this._proxy.on(kind, listener);
    });
  }

  async newPage() {
    if (this._page) throw new Error('WebKit (WebDriver classic): one page per context; popups come by waitForEvent');
    this._page = new Page(this);
    this._page._handle = await this._command('GET', '/window');
    this._current = this._page._handle;
    this._pages = [this._page];
    return this._page;
  }
  pages() { return [...(this._pages ?? [])]; }

  /** Switches the session to `page`'s window when another one is current. */
  async _focus(page) {
    if (!page._handle || page._handle === this._current) return;
    await this._command('POST', '/window', { handle: page._handle });
    this._current = page._handle;
  }

  /** `page`: a window the page opened (a popup or a new tab), once it is there. */
  async waitForEvent(event, options = {}) {
    if (event !== 'page') throw new Error(`WebKit (WebDriver classic): no ${event} events on a context`);
    const known = new Set(this._pages.map((p) => p._handle));
    const handle = await poll('a new page', options.timeout, async () => {
      const handles = await this._command('GET', '/window/handles');
      return handles.find((h) => !known.has(h));
    });
    const page = new Page(this);
    page._handle = handle;
    this._pages.push(page);
    return page;
  }
  /** The session starts with clipboard access, the only permission the tests ask for. */
  async grantPermissions(permissions) {
    const unknown = permissions.filter((p) => !['clipboard-read', 'clipboard-write'].includes(p));
    if (unknown.length) throw new Error(`WebKit (WebDriver classic): cannot grant ${unknown.join(', ')}`);
  }
  async route(pattern, handler) { this._proxy.route(pattern, handler); }
  async addInitScript(script, arg) {
    const source = typeof script === 'function' ? `(${script})(${arg === undefined ? '' : JSON.stringify(arg)})` : (script.content ?? String(script));
    this._proxy.addInitScript(source);
  }
  async close() {
    if (this._closed) return;
    this._closed = true;
    if (this._session) await this._raw('DELETE', `/session/${this._session}`, undefined, 10_000).catch(() => {});
    this._driver?.kill();
    await this._proxy?.stop();
    this._browser._contexts.delete(this);
  }
}

// Drivers (and their MiniBrowsers) end with the test process, however it ends.
const drivers = new Set();
process.on('exit', () => { for (const driver of drivers) driver.kill(); });

class Browser {
  constructor(driverPath, miniBrowser) {
    this._driverPath = driverPath;
    this._miniBrowser = miniBrowser;
    this._contexts = new Set();
  }
  async newContext(options = {}) {
    const context = new Context(this, options);
    this._contexts.add(context);
    try {
      await context._start();
    } catch (error) {
      await context.close();
      throw error;
    }
    return context;
  }
  async newPage(options = {}) {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.close = () => context.close();
    return page;
  }
  async close() { await Promise.all([...this._contexts].map((context) => context.close())); }
}

export async function launchWebKit() {
  const driverPath = process.env.WEBKIT_WEBDRIVER ?? 'WebKitWebDriver';
  const miniBrowser = MINIBROWSER_CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!miniBrowser) throw new Error(`MiniBrowser not found (looked in ${MINIBROWSER_CANDIDATES.join(', ')}); scripts/setup installs webkit2gtk-driver`);
  if (!process.env.DISPLAY && os.platform() === 'linux') throw new Error('WebKit needs a display: run the tests under xvfb-run (scripts/test does)');
  return new Browser(driverPath, miniBrowser);
}
