// `npm start`'s demo, driven in headless Chromium: the throwaway wallet subscribes and the list knows it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { verifyIdentitySignature } from '../../src/core/index.js';
import { chromiumArgs, chromiumExecutable } from '../support/chromium.mjs';

function startDemo(data: string): Promise<{ demo: ChildProcess; origin: string }> {
  const demo = spawn(process.execPath, ['demo/server.mjs'], {
    env: { ...process.env, PORT: '0', DEMO_DATA: data },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    demo.once('exit', (code) => reject(new Error(`the demo server exited with ${code}`)));
    demo.stdout!.on('data', (chunk: Buffer) => {
      const origin = /demo: (http:\/\/127\.0\.0\.1:\d+)\//.exec(chunk.toString())?.[1];
      if (origin) resolve({ demo, origin });
    });
  });
}

describe('the demo (npm start)', () => {
  let data: string;
  let demo: ChildProcess;
  let origin: string;
  let browser: Browser;

  before(async () => {
    data = mkdtempSync(join(tmpdir(), 'xmtp-subscribe-demo-'));
    ({ demo, origin } = await startDemo(data));
    browser = await puppeteer.launch({ executablePath: chromiumExecutable, headless: true, args: chromiumArgs });
  });

  /** A page whose waits outlast a loaded CI machine (puppeteer's 30 s default once did not). */
  async function newPage() {
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    return page;
  }

  after(async () => {
    await browser?.close();
    demo?.kill('SIGTERM');
    rmSync(data, { recursive: true, force: true });
  });

  it("answers what Node's parser refuses in JSON, as the CLI does (nodeServer)", async () => {
    const { port } = new URL(origin);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /consent HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n'));
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text)).on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /content-type: application\/json/i);
    assert.match(answer, /"code":"bad_request"/);
  });

  it('offers a throwaway wallet, subscribes with it, and the endpoint lists the reader', async () => {
    const page = await newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('#use-throwaway', { visible: true });
    await page.click('#use-throwaway');

    const clickAction = () =>
      page.evaluate(() =>
        document.querySelector('xmtp-subscribe')!.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click(),
      );
    const status = () => page.evaluate(() => document.querySelector('xmtp-subscribe')!.status);

    const receipt = page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          document.addEventListener('xmtp-subscribed', (event) => resolve(event.detail.receipt!), { once: true }),
        ),
    );
    await clickAction();
    await page.waitForFunction(() => document.querySelector('xmtp-subscribe')!.status === 'connected');
    await clickAction();
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('xmtp-subscribe')!.status));
    assert.equal(await status(), 'done');

    await page.waitForFunction(() => document.getElementById('list-status')!.textContent!.includes('allowed'));
    const subscriber = await page.evaluate(() => document.getElementById('wallet-status')!.textContent!.match(/0x[0-9a-fA-F]{40}/)![0]);
    const publisher = await page.evaluate(() => document.querySelector('xmtp-subscribe')!.publisher);
    const ask = (query: string) => fetch(`${origin}/consent?publisher=${publisher}&subscriber=${subscriber}${query}`);
    const answer = await ask(`&receipt=${await receipt}`);
    assert.equal(answer.status, 200);
    assert.equal((await answer.json()).status, 'allowed');
    assert.deepEqual(await (await ask('')).json(), { status: 'unknown' }, 'without the receipt the list says nothing');
  });

  it('prepares the identity prompts for the throwaway wallet, and their signatures verify', async () => {
    const page = await newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('#use-throwaway', { visible: true });
    await page.click('#use-throwaway');
    await page.waitForSelector('#identity-prompts', { visible: true });
    const address = await page.evaluate(() => document.querySelector('xmtp-link-address')!.address);

    const signatures = [];
    for (const tag of ['xmtp-signature-request', 'xmtp-link-address', 'xmtp-unlink-address'] as const) {
      const detail = await page.evaluate(async (tag) => {
        const prompt = document.querySelector(tag)!;
        const signed = new Promise<CustomEvent>((resolve) =>
          prompt.addEventListener('xmtp-signature', resolve as EventListener, { once: true }),
        );
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        prompt.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click();
        await new Promise((resolve) => prompt.addEventListener('xmtp-status-change', resolve, { once: true }));
        await prompt.updateComplete;
        if (prompt.status === 'connected') prompt.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click();
        const { text, signature, signer } = (await signed).detail;
        return { text, signature, signer };
      }, tag);
      signatures.push(detail);
    }
    for (const detail of signatures) {
      assert.equal(detail.signer, address);
      assert.deepEqual(await verifyIdentitySignature(detail as never), { ok: true, signer: 'eoa' });
    }
  });

  it('works under a strict Content-Security-Policy with Subresource Integrity', async () => {
    const page = await newPage();
    await page.goto(`${origin}/demo/strict-csp.html`);
    const integrity = await page.$eval('script[src="/dist/cdn/xmtp-subscribe.js"]', (script) => script.integrity);
    assert.match(integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
    await page.waitForFunction(() => customElements.get('xmtp-subscribe') !== undefined);

    await page.evaluate(() =>
      document.querySelector('xmtp-subscribe')!.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click(),
    );
    await page.waitForFunction(() => document.querySelector('xmtp-subscribe')!.status === 'connected');
    await page.evaluate(() =>
      document.querySelector('xmtp-subscribe')!.shadowRoot!.querySelector<HTMLElement>('[part~="button"]')!.click(),
    );
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('xmtp-subscribe')!.status));
    assert.equal(await page.evaluate(() => document.querySelector('xmtp-subscribe')!.status), 'done');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
  });

  it('refuses a CDN file whose integrity does not match', async () => {
    const page = await newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      // A tampered copy: same file, one byte more.
      if (!request.url().endsWith('/dist/cdn/xmtp-subscribe.js')) return void request.continue();
      void fetch(request.url()).then(async (answer) =>
        request.respond({ status: 200, contentType: 'text/javascript', body: `${await answer.text()};` }),
      );
    });
    await page.goto(`${origin}/demo/strict-csp.html`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.evaluate(() => customElements.get('xmtp-subscribe') === undefined), true);
  });

  it('prepares the identity examples for a wallet that only announces itself (EIP-6963)', async () => {
    const address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    const page = await newPage();
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.evaluateOnNewDocument(`
      const detail = {
        info: { uuid: 'u', name: 'Announced', icon: 'data:image/png;base64,', rdns: 'test.announced' },
        provider: { request: async () => ['${address}'] },
      };
      addEventListener('eip6963:requestProvider', () =>
        dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail })));
    `);
    await page.goto(`${origin}/`);
    await page.waitForSelector('#prepare-identity', { visible: true });
    await page.click('#prepare-identity');
    await page.waitForSelector('#identity-prompts', { visible: true });
    assert.equal(await page.evaluate(() => document.querySelector('xmtp-link-address')!.address), address);
    assert.equal(await page.evaluate(() => document.querySelector('xmtp-unlink-address')!.signer), address);
  });
});
