// npm run bench:browser: what the script tag costs a page, in headless Chromium at 4× CPU throttle.
// Main thread: the CDN file loading and drawing <xmtp-subscribe>, next to a minimal lit element
// doing the same wallet work (scripts/bench-browser/minimal-element.ts), both net of an empty page.
// Click → wallet: from the click to `personal_sign`, with an endpoint 100 ms away and without one.
// Each figure is the median of several fresh pages. A benchmark: it prints, it fails on nothing.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumExecutable } from '../test/support/chromium.mjs';

const RUNS = process.argv.includes('--short') ? 5 : 15;
const THROTTLE = 4;
const LATENCY_MS = 100;
const PUBLISHER = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const READER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const minimal = (
  await build({
    entryPoints: ['scripts/bench-browser/minimal-element.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  })
).outputFiles[0].text;

const scripts = {
  '/cdn.js': readFileSync('dist/cdn/xmtp-subscribe.js', 'utf8'),
  '/subscribe.js': readFileSync('dist/cdn/elements/xmtp-subscribe.js', 'utf8'),
  '/minimal.js': minimal,
};

/** A page with one element, its script, and (for clicks) a wallet that notes when it is asked to sign. */
function page(script, tag, endpoint) {
  const element = tag
    ? `<${tag} publisher="${PUBLISHER}" publisher-name="The Demo Gazette"${endpoint ? ` endpoint="${endpoint}"` : ''}></${tag}>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>
  window.benchWallet = {
    asked: 0,
    async request({ method }) {
      if (method === 'eth_accounts' || method === 'eth_requestAccounts') return ['${READER}'];
      if (method === 'personal_sign') { window.benchWallet.asked = performance.now(); return new Promise(() => {}); }
      return null;
    },
  };
</script>
${script ? `<script type="module" src="${script}"></script>` : ''}
</head><body>${element}</body></html>`;
}

const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (url.pathname === '/consent') {
    // The endpoint, far away: a reader this page never saw is unknown to it.
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"unknown"}'), LATENCY_MS);
    return;
  }
  if (scripts[url.pathname]) {
    response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(scripts[url.pathname]);
    return;
  }
  const [script, tag, endpoint] = [url.searchParams.get('script'), url.searchParams.get('tag'), url.searchParams.get('endpoint')];
  response.writeHead(200, { 'content-type': 'text/html' }).end(page(script, tag, endpoint));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath: chromiumExecutable, headless: true, args: chromiumArgs });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A fresh page at 4× throttle. */
async function throttledPage() {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const session = await tab.createCDPSession();
  await session.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { tab, close: () => context.close() };
}

/**
 * Main-thread ms of a page that loads `script` and draws `tag` (both optional): the tasks its
 * renderer's main thread ran, from the navigation to the first frame after the element is drawn,
 * read from a Chromium trace.
 */
async function mainThreadMs(script, tag) {
  const { tab, close } = await throttledPage();
  const query = new URLSearchParams({ ...(script ? { script } : {}), ...(tag ? { tag } : {}) });
  await tab.tracing.start({ categories: ['toplevel', 'devtools.timeline', '__metadata'] });
  await tab.goto(`${origin}/?${query}`, { waitUntil: 'load' });
  await tab.evaluate(async (name) => {
    if (name) {
      await customElements.whenDefined(name);
      await document.querySelector(name).updateComplete;
    }
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  }, tag);
  const { traceEvents } = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8'));
  await close();
  // The page's renderer: the process that parsed its HTML; its main thread's top-level tasks.
  const pagePids = new Set(
    traceEvents.filter(({ name, args }) => name === 'ParseHTML' && args?.beginData?.url?.startsWith(origin)).map(({ pid }) => pid),
  );
  const mainThreads = new Set(
    traceEvents
      .filter(({ name, pid, args }) => name === 'thread_name' && args?.name === 'CrRendererMain' && pagePids.has(pid))
      .map(({ pid, tid }) => `${pid}/${tid}`),
  );
  const tasks = traceEvents.filter(
    ({ name, ph, pid, tid }) => name === 'ThreadControllerImpl::RunTask' && ph === 'X' && mainThreads.has(`${pid}/${tid}`),
  );
  return tasks.reduce((sum, { dur }) => sum + dur, 0) / 1000;
}

/** Ms from the click on `tag`'s button to the wallet being asked to sign. */
async function clickToWalletMs(script, tag, endpoint) {
  const { tab, close } = await throttledPage();
  const query = new URLSearchParams({ script, tag, ...(endpoint ? { endpoint } : {}) });
  await tab.goto(`${origin}/?${query}`, { waitUntil: 'load' });
  const ms = await tab.evaluate(async (name) => {
    await customElements.whenDefined(name);
    const element = document.querySelector(name);
    element.provider = window.benchWallet;
    await element.updateComplete;
    // Let the element settle after load (its returning-reader check), as a reader would.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const button = element.shadowRoot.querySelector('button[part~="button"]') ?? element.shadowRoot.querySelector('button');
    const clicked = performance.now();
    button.click();
    while (!window.benchWallet.asked) await new Promise((resolve) => setTimeout(resolve, 1));
    return window.benchWallet.asked - clicked;
  }, tag);
  await close();
  return ms;
}

async function figure(measure) {
  const values = [];
  for (let i = 0; i < RUNS; i++) values.push(await measure());
  return median(values);
}

try {
  const empty = await figure(() => mainThreadMs());
  const cdn = (await figure(() => mainThreadMs('/cdn.js', 'xmtp-subscribe'))) - empty;
  const subscribeOnly = (await figure(() => mainThreadMs('/subscribe.js', 'xmtp-subscribe'))) - empty;
  const floor = (await figure(() => mainThreadMs('/minimal.js', 'minimal-subscribe'))) - empty;
  const withEndpoint = await figure(() => clickToWalletMs('/cdn.js', 'xmtp-subscribe', `${origin}/consent`));
  const withoutEndpoint = await figure(() => clickToWalletMs('/cdn.js', 'xmtp-subscribe'));
  const floorClick = await figure(() => clickToWalletMs('/minimal.js', 'minimal-subscribe'));

  const row = (label, ms, base) => `${label.padEnd(58)}${ms.toFixed(1).padStart(8)} ms${base ? `  ${(ms / base).toFixed(2)}×` : ''}`;
  console.log(`Main thread at ${THROTTLE}× CPU throttle, net of an empty page (median of ${RUNS} fresh pages):`);
  console.log(row('minimal lit element (the floor)', floor));
  console.log(row('dist/cdn/xmtp-subscribe.js, every element', cdn, floor));
  console.log(row('dist/cdn/elements/xmtp-subscribe.js alone', subscribeOnly, floor));
  console.log(`Click → wallet asked to sign, at ${THROTTLE}× CPU throttle:`);
  console.log(row('minimal lit element, no endpoint', floorClick));
  console.log(row('<xmtp-subscribe> without an endpoint', withoutEndpoint));
  console.log(row(`<xmtp-subscribe> with an endpoint ${LATENCY_MS} ms away`, withEndpoint, withoutEndpoint));
} finally {
  await browser.close();
  server.close();
}
