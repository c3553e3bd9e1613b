// The React wrappers (xmtp-subscribe/react) in a real React 19 page: props reach the element and
// typed event props receive its events.
import { expect } from '@open-wc/testing';
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { createThrowawayWallet } from '../../demo/throwaway-wallet.js';
import type { XmtpStatusChangeDetail, XmtpSubscribedDetail } from '../../src/index.js';
import { XmtpSubscribe } from '../../src/react/index.js';
import { PUBLISHER, actionButton, startConsentServer, statusReached, storedRecord } from './support.js';

describe('xmtp-subscribe/react', () => {
  let root: Root;
  let container: HTMLElement;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('renders <XmtpSubscribe>, passes props, and calls onXmtpSubscribed and onXmtpStatusChange', async () => {
    const server = await startConsentServer();
    const wallet = createThrowawayWallet({ connected: true });
    const statuses: string[] = [];
    let subscribed: XmtpSubscribedDetail | undefined;
    flushSync(() =>
      root.render(
        createElement(XmtpSubscribe, {
          publisher: PUBLISHER,
          endpoint: server.endpoint,
          publisherName: 'React Weekly',
          provider: wallet,
          onXmtpStatusChange: (event: CustomEvent<XmtpStatusChangeDetail>) => statuses.push(event.detail.status),
          onXmtpSubscribed: (event: CustomEvent<XmtpSubscribedDetail>) => (subscribed = event.detail),
        }),
      ),
    );
    const element = container.querySelector('xmtp-subscribe')!;
    await element.updateComplete;
    expect(element.publisherName).to.equal('React Weekly');
    expect(element.provider).to.equal(wallet);

    actionButton(element).click();
    await statusReached(element, 'done');
    expect(statuses).to.deep.equal(['connecting', 'signing', 'submitting', 'done']);
    expect(subscribed).to.include({ publisher: PUBLISHER, subscriber: wallet.address, created: true });
    expect(await storedRecord(server, PUBLISHER, wallet.address)).to.not.equal(null);
  });

  it('also works as a plain tag: React 19 sets properties and listens with on<event-name> props', async () => {
    const wallet = createThrowawayWallet();
    const statuses: string[] = [];
    flushSync(() =>
      root.render(
        createElement('xmtp-subscribe', {
          publisher: PUBLISHER,
          provider: wallet,
          'onxmtp-status-change': (event: CustomEvent<XmtpStatusChangeDetail>) => statuses.push(event.detail.status),
        }),
      ),
    );
    const element = container.querySelector('xmtp-subscribe')!;
    await element.updateComplete;
    expect(element.provider).to.equal(wallet);
    actionButton(element).click();
    await statusReached(element, 'connected');
    expect(statuses).to.deep.equal(['connecting', 'connected']);
  });
});
