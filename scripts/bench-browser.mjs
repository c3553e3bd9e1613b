// npm run bench:browser: what the script tag costs a page, in headless Chromium at 4× CPU throttle.
// Main thread: the CDN file loading and drawing <xmtp-subscribe>, next to a minimal lit element
// doing the same wallet work (scripts/bench-browser/minimal-element.ts).
// Click → wallet: from the click to `personal_sign`, with an endpoint 100 ms away and without one.
// Main-thread time is what the page's content costs it: script (parse, compile, run), style and
// layout, as Chromium counts them (Performance.getMetrics); the browser's own navigation work, the
// same for every page and the noisiest part on a shared machine, is left out. The pages are
// measured in rounds, one of each per round, and a ratio is the median of the rounds' own ratios:
// a machine that gets busier halfway slows both sides of a ratio alike. A benchmark: it prints,
// it fails on nothing.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumExecutable } from '../test/support/chromium.mjs';

const ROUNDS = process.argv.includes('--short') ? 5 : 31;
const THROTTLE = 4;
const LATENCY_MS = 100;
/** A pause between pages, for the last one's teardown to end before the next is measured. */
const SETTLE_MS = 250;
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
  const element = `<${tag} publisher="${PUBLISHER}" publisher-name="The Demo Gazette"${endpoint ? ` endpoint="${endpoint}"` : ''}></${tag}>`;
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
<script type="module" src="${script}"></script>
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

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => sorted(values)[Math.floor(values.length / 2)];

/** A fresh page at 4× throttle. */
async function throttledPage() {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const session = await tab.createCDPSession();
  await session.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await session.send('Performance.enable');
  return { tab, session, close: () => context.close() };
}

/** The page's content's main-thread ms so far: script, style recalculation and layout. */
async function contentMs(session) {
  const { metrics } = await session.send('Performance.getMetrics');
  const seconds = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return (seconds.ScriptDuration + seconds.RecalcStyleDuration + seconds.LayoutDuration) * 1000;
}

/**
 * Main-thread ms of a page that loads `script` and draws `tag`: its content's work from the
 * navigation until the page is idle after the element's first frame, so that work an element puts
 * off past that frame still counts.
 */
async function mainThreadMs(script, tag) {
  const { tab, session, close } = await throttledPage();
  await tab.goto(`${origin}/?${new URLSearchParams({ script, tag })}`, { waitUntil: 'load' });
  await tab.evaluate(async (name) => {
    await customElements.whenDefined(name);
    await document.querySelector(name).updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
  }, tag);
  const ms = await contentMs(session);
  await close();
  return ms;
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

/**
 * Runs every measure once per round, in an order that turns each round (no page always follows the
 * same one), with a pause after each for the browser to finish closing the last page; answers each
 * measure's values, in round order.
 */
async function rounds(measures) {
  const entries = Object.entries(measures);
  const values = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < entries.length; i++) {
      const [name, measure] = entries[(round + i) % entries.length];
      values[name].push(await measure());
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
  }
  return values;
}

/** The median of per-round ratios `top / bottom`, and their spread, as `1.23× (1.10–1.40)`. */
function ratio(top, bottom) {
  const ratios = sorted(top.map((value, round) => value / bottom[round]));
  return `${median(ratios).toFixed(2)}× (${ratios[0].toFixed(2)}–${ratios.at(-1).toFixed(2)})`;
}

try {
  const { cdn, subscribeOnly, floor } = await rounds({
    cdn: () => mainThreadMs('/cdn.js', 'xmtp-subscribe'),
    subscribeOnly: () => mainThreadMs('/subscribe.js', 'xmtp-subscribe'),
    floor: () => mainThreadMs('/minimal.js', 'minimal-subscribe'),
  });
  const click = await rounds({
    withEndpoint: () => clickToWalletMs('/cdn.js', 'xmtp-subscribe', `${origin}/consent`),
    withoutEndpoint: () => clickToWalletMs('/cdn.js', 'xmtp-subscribe'),
    floor: () => clickToWalletMs('/minimal.js', 'minimal-subscribe'),
  });

  const row = (label, values, base) =>
    `${label.padEnd(58)}${median(values).toFixed(1).padStart(8)} ms${base ? `  ${ratio(values, base)}` : ''}`;
  console.log(`Main thread (script, style, layout) at ${THROTTLE}× CPU throttle, medians of ${ROUNDS} rounds of fresh pages`);
  console.log('(a ratio: the median of the rounds\' ratios, and their range):');
  console.log(row('minimal lit element (the floor)', floor));
  console.log(row('dist/cdn/xmtp-subscribe.js, every element', cdn, floor));
  console.log(row('dist/cdn/elements/xmtp-subscribe.js alone', subscribeOnly, floor));
  console.log(`Click → wallet asked to sign, at ${THROTTLE}× CPU throttle:`);
  console.log(row('minimal lit element, no endpoint', click.floor));
  console.log(row('<xmtp-subscribe> without an endpoint', click.withoutEndpoint));
  console.log(row(`<xmtp-subscribe> with an endpoint ${LATENCY_MS} ms away`, click.withEndpoint, click.withoutEndpoint));
} finally {
  await browser.close();
  server.close();
}
