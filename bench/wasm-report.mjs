// Where the wasm's bytes go: twiggy's per-function sizes of the release
// build before wasm-bindgen and wasm-opt (which drop the names), summed per
// crate and per module of ours, with the largest functions. Printed by
// scripts/bench beside the totals, so every change shows where bytes went.
// The figures are raw bytes before optimisation: compare them with each
// other, not with the gzip totals of bench/budget.mjs.
// Usage: node bench/wasm-report.mjs [path/to/newsletter_widget.wasm]
import { execFileSync } from 'node:child_process';

const wasm = process.argv[2] ?? 'target/wasm32-unknown-unknown/release/newsletter_widget.wasm';
const rows = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'json', wasm], { encoding: 'utf8', maxBuffer: 1 << 28 }));

/** The crate (and, for ours, the module) a function belongs to. */
function owner(name) {
  // Names and wasm-bindgen's description never reach readers.
  if (/^(custom section|"function names"|"local names")/.test(name)) return null;
  if (name.startsWith('data segment')) return '(data: strings and tables)';
  if (/^(type\[|import|export|elem|table|memory|global)/.test(name)) return '(types, imports, exports)';
  // `<A as B>::f`: the implementing type's crate.
  const path = name.replace(/^<+/, '').replace(/^(&|dyn |mut )+/, '');
  const parts = path.split('::');
  const crate = parts[0].replace(/\[[0-9a-f]+\]$/, '');
  if (crate === 'newsletter_core' || crate === 'newsletter_widget') {
    const module = parts.slice(1).find((p) => /^[a-z_]+$/.test(p) && !['app', 'components', 'services', 'hooks'].includes(p)) ?? '';
    return `${crate}::${parts[1] === 'app' ? `app::${parts[2] ?? ''}::${parts[3] ?? ''}`.replace(/::[A-Z<].*$/, '') : module}`;
  }
  return crate;
}

const byOwner = new Map();
let total = 0;
for (const row of rows) {
  if (row.name.startsWith('Σ') || row.name.startsWith('...') || owner(row.name) === null) continue;
  total += row.shallow_size;
  byOwner.set(owner(row.name), (byOwner.get(owner(row.name)) ?? 0) + row.shallow_size);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`\n## Where the wasm's bytes go (twiggy, ${wasm}, before wasm-opt, names left out; ${kb(total)} in all)\n`);
console.log('| crate or module | raw bytes | share |');
console.log('| --- | ---: | ---: |');
for (const [name, size] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`| ${name} | ${size.toLocaleString('en-US')} | ${((size / total) * 100).toFixed(1)} % |`);
}
console.log('\nLargest functions:\n');
console.log('| function | raw bytes |');
console.log('| --- | ---: |');
const functions = rows.filter((r) => owner(r.name) && !owner(r.name).startsWith('(') && !r.name.startsWith('Σ') && !r.name.startsWith('...'));
for (const row of functions.slice(0, 25)) {
  console.log(`| \`${row.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\|/g, '\\|').slice(0, 140)}\` | ${row.shallow_size.toLocaleString('en-US')} |`);
}
