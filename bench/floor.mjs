// Benchmark: the size floor of the stack. Builds bench/stack-floor (the
// smallest Yew app: state, an event, a keyed list) with the widget's release
// profile, wasm-bindgen and the wasm-opt flags of index.html, and prints its
// download next to the widget's (dist/) and Ghost's signup form target.
// Usage: node bench/floor.mjs   (run `trunk build --release` first)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { distDir } from '../tests/e2e/harness.mjs';

// The figure issue 7 sets as the target: @tryghost/signup-form 0.3.592,
// umd/signup-form.min.js, after gzip -9 (bench/budget.mjs measures it anew).
const GHOST_GZIP = 80423;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const crate = path.join(root, 'bench', 'stack-floor');
const target = path.join(root, 'target', 'stack-floor');
const out = path.join(target, 'bundle');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown',
  '--manifest-path', path.join(crate, 'Cargo.toml'), '--target-dir', target]);
fs.mkdirSync(out, { recursive: true });
run('wasm-bindgen', ['--target', 'web', '--out-dir', out,
  path.join(target, 'wasm32-unknown-unknown', 'release', 'stack_floor.wasm')]);
// The same optimisation as the widget's bundle (index.html's data-wasm-opt).
const params = fs.readFileSync(path.join(root, 'index.html'), 'utf8').match(/data-wasm-opt-params="([^"]*)"/)[1].split(/\s+/);
run('wasm-opt', ['-Oz', ...params, path.join(out, 'stack_floor_bg.wasm'), '-o', path.join(out, 'stack_floor_bg.wasm')]);

const gzip = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const measure = (dir, test) => fs.readdirSync(dir).filter(test).reduce((sum, f) => sum + gzip(path.join(dir, f)), 0);
const floor = measure(out, (f) => f === 'stack_floor_bg.wasm' || f === 'stack_floor.js');
const widget = measure(distDir, (f) => /_bg\.wasm$/.test(f) || /^newsletter-widget-.*\.js$/.test(f) || /^widget-.*\.css$/.test(f));
const pct = (n) => `${Math.round((n / GHOST_GZIP) * 100)} %`;
const kb = (n) => `${n.toLocaleString('en-US')} B`;

console.log('\n## Size floor of the stack\n');
console.log('Bytes after gzip -9 (wasm and its JavaScript; the widget also counts its CSS), as a share of the target, Ghost\'s signup form (80,423 B):\n');
console.log('| bundle | gzip -9 | share of the target |');
console.log('| --- | ---: | ---: |');
console.log(`| the smallest Yew app (bench/stack-floor) | ${kb(floor)} | ${pct(floor)} |`);
console.log(`| the widget (dist/) | ${kb(widget)} | ${pct(widget)} |`);
console.log(`| left for everything but Yew, within the target | ${kb(GHOST_GZIP - floor)} | ${pct(GHOST_GZIP - floor)} |`);
