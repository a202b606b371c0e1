// Trunk post-build hook: writes the embed files into the bundle.
// - newsletter-widget.js: the stable loader name publishers paste. It finds
//   the content-hashed wasm, JavaScript and stylesheet relative to its own
//   URL, so the bundle works from any origin and under any path.
// - embed-<hash>.css: the stylesheet with rem turned into px, so a host
//   page's root font size cannot resize the widget; newsletter-widget.css,
//   the same under a stable name, for `newsletter embed` snapshots.
import fs from 'node:fs';
import path from 'node:path';
import { hashedName } from './hashed-name.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('write-loader.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const files = fs.readdirSync(dir);
const find = (test, what) => {
  const name = files.find(test);
  if (!name) throw new Error(`write-loader.mjs: no ${what} in ${dir} (found: ${files.join(', ')})`);
  return name;
};
const wasm = find((f) => f.endsWith('_bg.wasm'), 'wasm file');
const js = find((f) => f.endsWith('.js') && f.startsWith(wasm.replace(/_bg\.wasm$/, '')), 'wasm-bindgen JavaScript');
const css = find((f) => /^widget-.*\.css$/.test(f), 'stylesheet');

const remToPx = (text) => text.replace(/(-?\d*\.?\d+)rem\b/g, (_, n) => `${Number((parseFloat(n) * 16).toFixed(3))}px`);
const embedCss = remToPx(fs.readFileSync(path.join(dir, css), 'utf8'));
const embedCssName = hashedName('embed', embedCss, 'css');
fs.writeFileSync(path.join(dir, embedCssName), embedCss);
// The same under a stable name, for snapshots written once by `newsletter
// embed` (core/src/render/snapshot.rs): their stories keep their style
// before the loader runs, and after the bundle is republished.
fs.writeFileSync(path.join(dir, 'newsletter-widget.css'), embedCss);

const loader = `// Newsletter Widget loader. Paste:
//   <script type="module" src=".../newsletter-widget.js"></script>
//   <newsletter-widget src=".../issue.json"></newsletter-widget>
// Everything else it loads is content-hashed and found relative to this file.
const base = new URL('./', import.meta.url);
const stylesheet = new URL(${JSON.stringify(embedCssName)}, base).href;
let bindings;
const load = () => (bindings ??= (() => {
  // The wasm is asked for at once, beside its JavaScript rather than after
  // it: on a slow network that is one round trip less before the first card.
  const wasm = fetch(new URL(${JSON.stringify(wasm)}, base));
  wasm.catch(() => {}); // reported once, by the start below
  return import(new URL(${JSON.stringify(js)}, base).href).then(async (m) => {
    await m.default({ module_or_path: wasm });
    return m;
  });
})());

// Starts fetching the element's feed at once, while the JavaScript and the
// wasm download; the widget takes that answer (src/app/services/feed.rs).
const prefetch = (element) => {
  const src = (element.getAttribute('archive') || element.getAttribute('src') || '').trim();
  if (!src) return;
  let url;
  try { url = new URL(src, location.href); } catch { return; }
  if (!/^https?:$/.test(url.protocol)) return;
  const store = (globalThis.__newsletterWidgetPrefetch ??= {});
  store[url.href] ??= fetch(url.href).catch(() => null);
};

class NewsletterWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'archive', 'topics', 'theme', 'subscribe', 'limit', 'locale'];
  }

  connectedCallback() {
    if (this.widget || this.starting) return;
    prefetch(this);
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.starting = load()
      .then((m) => {
        this.starting = null;
        if (this.isConnected && !this.widget) this.widget = new m.EmbeddedWidget(shadow, this, stylesheet);
      })
      .catch((error) => {
        this.starting = null;
        console.error('newsletter-widget: could not start', error);
        // A snapshot stays: static, but every story and link still reads
        // (a browser too old for the wasm gets that, not an error).
        if (!shadow.getElementById('nw-prerendered')) shadow.textContent = 'This newsletter could not be loaded.';
      });
  }

  attributeChangedCallback() {
    this.widget?.refresh(this);
  }

  disconnectedCallback() {
    if (!this.widget) return;
    this.widget.destroy();
    this.widget.free();
    this.widget = null;
    this.shadowRoot?.replaceChildren();
  }
}

if (!customElements.get('newsletter-widget')) customElements.define('newsletter-widget', NewsletterWidgetElement);
`;
fs.writeFileSync(path.join(dir, 'newsletter-widget.js'), loader);
console.log(`write-loader.mjs: newsletter-widget.js -> ${js}, ${wasm}, ${embedCssName}`);
