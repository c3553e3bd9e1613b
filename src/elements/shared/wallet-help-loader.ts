// Loads the rare controls (./wallet-help.ts) the first time an element shows one, so that other
// readers never download them, or as soon as several wallets announce themselves (the picker is
// then one click away). They render with this file's lit, and each element adopts their styles
// once they are here.
import { html, nothing, type LitElement } from 'lit';
import { loadOnDemand } from '../../internal/on-demand.js';
import type { WalletHelp } from './wallet-help.js';

type HelpModule = typeof import('./wallet-help.js');

let loaded: HelpModule | undefined;
let sheet: CSSStyleSheet | undefined;
let loading: Promise<void> | undefined;
let warned = false;
const waiting = new Set<LitElement>();
const helpers = new WeakMap<LitElement, WalletHelp>();

/**
 * Resolves once the rare controls are here. Rejects with a `network` error when they cannot load
 * (offline, or the file is not beside the script); the next call then tries again.
 */
export function walletHelpReady(): Promise<void> {
  loading ??= loadOnDemand(() => import('./wallet-help.js'), 'the wallet picker and help (xmtp-subscribe-help.js)').then(
    (module) => {
      module.useLit({ html, nothing });
      loaded = module;
      for (const element of waiting) element.requestUpdate();
      waiting.clear();
    },
    (failure: Error) => {
      loading = undefined;
      if (!warned) console.warn('xmtp-subscribe: the wallet help could not load', failure.cause);
      warned = true;
      throw failure;
    },
  );
  return loading;
}

/** `host`'s rare controls, or undefined while they load (it renders again then) or if they cannot. */
export function walletHelpFor(host: LitElement): WalletHelp | undefined {
  if (!loaded) {
    waiting.add(host);
    // Help that cannot load leaves the status sentence to say what to do; the picker waits for it.
    walletHelpReady().catch(() => {});
    return undefined;
  }
  let help = helpers.get(host);
  if (!help) {
    const root = host.renderRoot as ShadowRoot;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(loaded.walletHelpStyles);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    helpers.set(host, (help = loaded.walletHelp(host)));
  }
  return help;
}
