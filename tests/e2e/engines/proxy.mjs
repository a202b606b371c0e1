// The proxy a WebKit test browser is pointed at: it gives WebDriver classic
// what Playwright gets from its protocols. Every request passes here, so
// tests can route it (fulfill, continue, abort) by the same patterns as
// Playwright's `route`; HTML documents get the tests' init scripts and a
// small recorder of console messages and uncaught errors, first in their
// head, allowed by a nonce added to the page's policy. HTTPS is terminated
// with a throwaway certificate (the session accepts it), so a provider's
// real `https://` address reaches a local server exactly as in Chromium.
import http from 'node:http';
import tls from 'node:tls';
import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';

let certificate;
/** One self-signed certificate per test process, made by openssl. */
function throwawayCertificate() {
  if (certificate) return certificate;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nw-proxy-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=newsletter-widget-tests',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  certificate = { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  fs.rmSync(dir, { recursive: true, force: true });
  return certificate;
}

/** Playwright's URL glob: `**` is anything, `*` anything but `/`. */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') { source += '.*'; i += 1; }
    else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+^${}()|[\]\\?]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function matcher(pattern) {
  if (typeof pattern === 'function') return (url) => pattern(new URL(url));
  if (pattern instanceof RegExp) return (url) => pattern.test(url);
  const regexp = globToRegExp(pattern);
  return (url) => regexp.test(url);
}

// Recorded in the page, read back with every WebDriver script (webkit.mjs).
const RECORDER = `(() => {
  if (window.__nwEvents) return;
  const events = window.__nwEvents = [];
  // WebDriver cannot send back a string with a lone surrogate (hostile
  // feeds write them; the console repeats them): those are made U+FFFD.
  const text = (value) => { const s = String(value); return s.toWellFormed ? s.toWellFormed() : s; };
  addEventListener('error', (e) => events.push({ kind: 'error', text: text(e.error ? e.error : e.message) }));
  addEventListener('unhandledrejection', (e) => events.push({ kind: 'error', text: text(e.reason) }));
  for (const [method, type] of [['log', 'log'], ['info', 'info'], ['warn', 'warning'], ['error', 'error'], ['debug', 'debug']]) {
    const original = console[method];
    console[method] = function (...args) { events.push({ kind: 'console', type, text: text(args.map(String).join(' ')) }); return original.apply(this, args); };
  }
})();`;

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/** Adds a nonce for the injected script to a Content-Security-Policy value. */
function allowNonce(policy, nonce) {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const find = (name) => directives.findIndex((d) => d.split(/\s+/)[0].toLowerCase() === name);
  const script = find('script-src');
  if (script >= 0) directives[script] += ` 'nonce-${nonce}'`;
  else {
    const fallback = find('default-src');
    if (fallback >= 0) directives.push(`script-src ${directives[fallback].split(/\s+/).slice(1).join(' ')} 'nonce-${nonce}'`);
  }
  return directives.join('; ');
}

function injectIntoHtml(html, scripts, nonce) {
  const tag = `<script nonce="${nonce}">${[RECORDER, ...scripts].join('\n;\n')}</script>`;
  for (const anchor of [/<head\b[^>]*>/i, /<html\b[^>]*>/i, /<!doctype[^>]*>/i]) {
    const match = anchor.exec(html);
    if (match) return html.slice(0, match.index + match[0].length) + tag + html.slice(match.index + match[0].length);
  }
  return tag + html;
}

/** A request as Playwright's `Request` shows it, for route handlers and request events. */
export class RequestView {
  constructor(info) { this._info = info; }
  url() { return this._info.url; }
  method() { return this._info.method; }
  headers() { return this._info.headers; }
  async allHeaders() { return this._info.headers; }
  postData() { return this._info.body?.length ? this._info.body.toString('utf8') : null; }
  postDataBuffer() { return this._info.body?.length ? this._info.body : null; }
}

class Route {
  constructor(proxy, info, respond) {
    this._proxy = proxy;
    this._info = info;
    this._respond = respond;
    this._handled = false;
  }
  request() { return new RequestView(this._info); }
  async fulfill({ status = 200, headers = {}, contentType, body, path: file, json } = {}) {
    this._handled = true;
    const all = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (contentType) all['content-type'] = contentType;
    let payload = body;
    if (json !== undefined) { payload = JSON.stringify(json); all['content-type'] ??= 'application/json'; }
    if (file) payload = fs.readFileSync(file);
    this._respond.answer(status, all, Buffer.from(payload ?? ''));
  }
  async continue(overrides = {}) {
    this._handled = true;
    await this._respond.forward(overrides);
  }
  async fallback() { this._handled = false; this._fellBack = true; }
  async abort() {
    this._handled = true;
    this._respond.abort();
  }
}

export class RoutingProxy extends EventEmitter {
  /** `instrument`: give HTML documents the init scripts and the recorder (WebKit; Firefox has its own). */
  constructor({ instrument = true } = {}) {
    super();
    this._instrument = instrument;
    this._routes = [];
    this._initScripts = [];
    this._sockets = new Set();
  }

  route(pattern, handler) { this._routes.unshift({ matches: matcher(pattern), handler }); }
  addInitScript(source) { this._initScripts.push(source); }

  async start() {
    const track = (socket) => { this._sockets.add(socket); socket.on('close', () => this._sockets.delete(socket)); };
    this._server = http.createServer((req, res) => this._handle(req, res, req.url));
    this._server.on('connection', track);
    // HTTPS: answer CONNECT, then serve the tunnel as a TLS server of our own.
    this._tlsServer = http.createServer((req, res) => this._handle(req, res, `https://${req.socket.__nwHost}${req.url}`));
    this._server.on('connect', (req, socket) => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const secure = new tls.TLSSocket(socket, { isServer: true, ...throwawayCertificate() });
      secure.__nwHost = req.url.replace(/:443$/, '');
      track(secure);
      secure.on('error', () => secure.destroy());
      this._tlsServer.emit('connection', secure);
    });
    await new Promise((resolve) => this._server.listen(0, '127.0.0.1', resolve));
    // A test that forgets to close its context must not keep the run alive.
    this._server.unref();
    this.port = this._server.address().port;
  }

  /** Stops at once: open tunnels and keep-alive connections are cut. Safe to call twice. */
  async stop() {
    if (this._stopped) return;
    this._stopped = true;
    for (const socket of this._sockets) socket.destroy();
    this._server.closeAllConnections();
    await new Promise((resolve) => this._server.close(() => resolve()));
  }

  async _handle(req, res, url) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
    const info = { url, method: req.method, headers, body: Buffer.concat(chunks) };
    this.emit('request', info);
    const respond = {
      answer: (status, answerHeaders, body) => this._answer(req, res, info, status, answerHeaders, body),
      forward: (overrides) => this._forward(req, res, info, overrides),
      abort: () => res.destroy(),
    };
    for (const { matches, handler } of this._routes) {
      if (!matches(url)) continue;
      const route = new Route(this, info, respond);
      try {
        await handler(route);
      } catch {
        if (!res.writableEnded) res.destroy();
        return;
      }
      if (!route._fellBack) return;
    }
    await respond.forward({});
  }

  async _forward(req, res, info, overrides) {
    const target = new URL(overrides.url ?? info.url);
    const headers = { ...info.headers, ...(overrides.headers ?? {}) };
    delete headers['accept-encoding'];
    headers.host = target.host;
    const body = overrides.postData !== undefined ? Buffer.from(overrides.postData) : info.body;
    try {
      // Only this machine is reachable; anything else fails as it does in the other engines.
      if (target.protocol !== 'http:') throw new Error('no network');
      const answer = await new Promise((resolve, reject) => {
        const forwarded = http.request(target, { method: overrides.method ?? info.method, headers }, (reply) => {
          const parts = [];
          reply.on('data', (part) => parts.push(part));
          reply.on('end', () => resolve({ status: reply.statusCode, headers: reply.headers, body: Buffer.concat(parts) }));
          reply.on('error', reject);
        });
        forwarded.on('error', reject);
        forwarded.end(body.length ? body : undefined);
      });
      this._answer(req, res, info, answer.status, answer.headers, answer.body);
    } catch {
      res.destroy();
    }
  }

  _answer(req, res, info, status, headers, body) {
    const out = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name) && name !== 'content-length'));
    let payload = body;
    const type = String(out['content-type'] ?? '');
    if (this._instrument && type.startsWith('text/html') && info.method === 'GET') {
      const encoding = out['content-encoding'];
      if (encoding === 'gzip') payload = zlib.gunzipSync(payload);
      else if (encoding === 'br') payload = zlib.brotliDecompressSync(payload);
      delete out['content-encoding'];
      const nonce = crypto.randomBytes(12).toString('base64');
      if (out['content-security-policy']) out['content-security-policy'] = allowNonce(String(out['content-security-policy']), nonce);
      payload = Buffer.from(injectIntoHtml(payload.toString('utf8'), this._initScripts, nonce));
    }
    out['content-length'] = String(payload.length);
    res.writeHead(status, out);
    res.end(payload);
    this.emit('response', { url: info.url, status, request: info });
  }
}
