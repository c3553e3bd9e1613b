// npm run screenshots: drives the demo in headless Chromium and saves a PNG of each element in each
// state worth showing to docs/screenshots/ (committed; the README's gallery shows them).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { KnownDevices } from 'puppeteer-core';
import { chromiumArgs, chromiumExecutable } from '../test/support/chromium.mjs';
import { startRelay } from '../test/support/walletconnect-relay.mjs';

const OUT = 'docs/screenshots';

function startDemo(data) {
  const demo = spawn(process.execPath, ['demo/server.mjs'], {
    env: { ...process.env, PORT: '0', DEMO_DATA: data },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    demo.once('exit', (code) => reject(new Error(`the demo server exited with ${code}`)));
    demo.stdout.on('data', (chunk) => {
      const origin = /demo: (http:\/\/127\.0\.0\.1:\d+)\//.exec(chunk.toString())?.[1];
      if (origin) resolve({ demo, origin });
    });
  });
}

/** Two wallets announced through EIP-6963 before the page loads, to show the picker. */
function announceTwoWallets() {
  const icon = (colour) =>
    `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" rx="6" fill="${colour}"/></svg>`)}`;
  const wallets = [
    ['Fox Wallet', 'io.example.fox', '#e8831d'],
    ['Coin Wallet', 'io.example.coin', '#0052ff'],
  ].map(([name, rdns, colour]) => ({
    info: { uuid: rdns, name, icon: icon(colour), rdns },
    provider: { request: () => new Promise(() => {}) },
  }));
  const announce = () =>
    wallets.forEach((detail) => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail })));
  window.addEventListener('eip6963:requestProvider', announce);
}

const data = mkdtempSync(join(tmpdir(), 'xmtp-subscribe-screenshots-'));
const { demo, origin } = await startDemo(data);
const browser = await puppeteer.launch({ executablePath: chromiumExecutable, headless: true, args: chromiumArgs });
// WalletConnect's pairing, offline: the tests' relay stand-in on 127.0.0.1.
const relay = await startRelay();
mkdirSync(OUT, { recursive: true });

async function shoot(page, selector, name) {
  await page.evaluate((selector) => document.querySelector(selector).updateComplete, selector);
  await (await page.$(selector)).screenshot({ path: `${OUT}/${name}.png` });
  console.log(`${OUT}/${name}.png`);
}

const click = (page, selector) =>
  page.evaluate((selector) => document.querySelector(selector).shadowRoot.querySelector('[part~="button"]').click(), selector);
const waitStatus = (page, selector, status) =>
  page.waitForFunction((selector, status) => document.querySelector(selector).status === status, {}, selector, status);

try {
  const page = await browser.newPage();
  await page.setViewport({ width: 720, height: 1400, deviceScaleFactor: 2 });
  await page.goto(`${origin}/`);
  await page.waitForSelector('#use-throwaway', { visible: true });

  await shoot(page, '#subscribe', 'subscribe-idle');
  await click(page, '#subscribe');
  await waitStatus(page, '#subscribe', 'error');
  await page.waitForFunction(() => document.querySelector('#subscribe').shadowRoot.querySelector('[part~="qr"]'));
  await shoot(page, '#subscribe', 'subscribe-no-wallet');

  await page.click('#use-throwaway');
  await click(page, '#subscribe');
  await waitStatus(page, '#subscribe', 'connected');
  await shoot(page, '#subscribe', 'subscribe-connected');
  await click(page, '#subscribe');
  await waitStatus(page, '#subscribe', 'done');
  await shoot(page, '#subscribe', 'subscribe-done');

  await page.waitForSelector('#identity-prompts', { visible: true });
  await shoot(page, '#request', 'signature-request');
  await shoot(page, '#link', 'link-address');
  await shoot(page, '#unlink', 'unlink-address');
  await shoot(page, '#recovery', 'signature-request-warning');
  await shoot(page, '#compact', 'subscribe-compact');

  await page.evaluate(() => document.querySelector('#subscribe').shadowRoot.querySelector('[part~="unsubscribe"]').click());
  await waitStatus(page, '#subscribe', 'idle');
  await shoot(page, '#subscribe', 'subscribe-unsubscribed');

  const themed = await browser.newPage();
  await themed.setViewport({ width: 720, height: 900, deviceScaleFactor: 2 });
  await themed.evaluateOnNewDocument(announceTwoWallets);
  await themed.goto(`${origin}/`);
  await themed.waitForFunction(() => customElements.get('xmtp-subscribe') !== undefined);
  await click(themed, '#subscribe');
  await waitStatus(themed, '#subscribe', 'picking');
  await shoot(themed, '#subscribe', 'subscribe-picker');
  await themed.evaluate(async () => {
    await import('/dist/cdn/locales/ar.js');
    const subscribe = document.querySelector('#subscribe');
    subscribe.setAttribute('theme', 'dark');
    subscribe.shadowRoot.querySelector('[part~="cancel"]').click();
    const arabic = Object.assign(document.createElement('div'), { lang: 'ar', dir: 'rtl', id: 'arabic' });
    arabic.innerHTML = `<xmtp-subscribe publisher="${subscribe.publisher}" publisher-name="الجريدة"></xmtp-subscribe>`;
    subscribe.after(arabic);
  });
  await shoot(themed, '#subscribe', 'subscribe-dark');
  await shoot(themed, '#arabic xmtp-subscribe', 'subscribe-arabic');

  // A phone without a wallet in its browser: links that open the page in the wallet apps.
  const phone = await browser.newPage();
  const iPhone = KnownDevices['iPhone 13'];
  await phone.emulate(iPhone);
  // Chromium still reports itself as a desktop in its client hints unless told otherwise.
  const userAgentMetadata = { mobile: true, platform: 'iOS', platformVersion: '18', architecture: '', model: 'iPhone' };
  await phone.setUserAgent({ userAgent: iPhone.userAgent, userAgentMetadata });
  await phone.goto(`${origin}/`);
  await phone.waitForFunction(() => customElements.get('xmtp-subscribe') !== undefined);
  await click(phone, '#subscribe');
  await waitStatus(phone, '#subscribe', 'error');
  await shoot(phone, '#subscribe', 'subscribe-phone-no-wallet');

  const pairing = await browser.newPage();
  await pairing.setViewport({ width: 720, height: 900, deviceScaleFactor: 2 });
  await pairing.goto(`${origin}/`);
  await pairing.waitForFunction(() => customElements.get('xmtp-subscribe') !== undefined);
  await pairing.evaluate((relayUrl) => {
    const subscribe = document.querySelector('#subscribe');
    subscribe.setAttribute('walletconnect-project-id', 'demo');
    subscribe.setAttribute('walletconnect-relay-url', relayUrl);
  }, relay.relayUrl);
  await click(pairing, '#subscribe');
  await pairing.waitForFunction(() => document.querySelector('#subscribe').shadowRoot.querySelector('[part~="walletconnect"] [part~="qr"]'));
  await shoot(pairing, '#subscribe', 'subscribe-walletconnect');
} finally {
  await browser.close();
  await relay.stop();
  demo.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
}
