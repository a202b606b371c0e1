// Trunk post-build hook: moves the demo page's start script, which Trunk
// writes inline, into a content-hashed file beside it, so the page runs under
// a Content-Security-Policy without 'unsafe-inline' (docs/embedding.md,
// tests/e2e/csp.test.mjs). Also drops `integrity` from the wasm's preload:
// Chromium ignores it for `as="fetch"` and says so in every reader's console.
import fs from 'node:fs';
import path from 'node:path';
import { hashedName } from './hashed-name.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('start-script.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const pagePath = path.join(dir, 'index.html');
let page = fs.readFileSync(pagePath, 'utf8');

const inline = [...page.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) {
  throw new Error(`start-script.mjs: expected Trunk's one inline module script in ${pagePath}, found ${inline.length}`);
}
const [tag, body] = inline[0];
const text = `${body.trim()}\n`;
const name = hashedName('start', text, 'js');
fs.writeFileSync(path.join(dir, name), text);
page = page.replace(tag, `<script type="module" src="./${name}"></script>`);

page = page.replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, (link) => link.replace(/ integrity="[^"]*"/, ''));
fs.writeFileSync(pagePath, page);
console.log(`start-script.mjs: index.html starts with ${name}`);
