import fs from 'node:fs';
import { serve, launch } from '../tests/e2e/harness.mjs';
import { generateIssue } from './generate.mjs';
const size = Number(process.argv[2] ?? 1000);
const body = JSON.stringify(generateIssue(size));
const server = await serve({ '/bench/reference/index.html': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(fs.readFileSync('bench/reference/index.html')), '/bench/reference/reference.js': (req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync('bench/reference/reference.js')), '/bench/widget.css': (req, res) => res.writeHead(200, { 'content-type': 'text/css' }).end(fs.readFileSync('dist/' + fs.readdirSync('dist').find((f) => f.startsWith('widget-')))), '/feed.json': (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body) });
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.base + (process.argv[4] === 'ref' ? '/bench/reference/index.html?layout=page&src=/feed.json' : '/?src=feed.json'));
  await page.locator('.nw-status').waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const mode = process.argv[3] ?? 'chip';
  await page.evaluate(async (mode) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (let k = 0; k < 5; k++) {
      if (mode === 'chip') {
        for (const chip of [...document.querySelectorAll('.nw-chip:not(.nw-chip-all)')].slice(0, 6)) { chip.click(); await frame(); }
      } else {
        const input = document.getElementById('nw-search-input');
        for (const v of ['g', 'ge', 'gen', 'gene', '']) { input.value = v; input.dispatchEvent(new InputEvent('input', { bubbles: true })); await frame(); }
      }
    }
  }, mode);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.log('total', [...self.values()].reduce((a,b)=>a+b,0).toFixed(1));
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [k, v] of rows) console.log(v.toFixed(1).padStart(8), k);
} finally { await browser.close(); await server.close(); }
