// Loads the rare controls (./wallet-help.ts) the first time an element shows one, so that other
// readers never download them, or as soon as several wallets announce themselves (the picker is
// then one click away). Each element adopts their styles once they are here.
import type { LitElement } from 'lit';
import type { WalletHelp } from './wallet-help.js';

type HelpModule = typeof import('./wallet-help.js');

let loaded: HelpModule | undefined;
let sheet: CSSStyleSheet | undefined;
let loading: Promise<void> | undefined;
const waiting = new Set<LitElement>();
const helpers = new WeakMap<LitElement, WalletHelp>();

/** `host`'s rare controls, or undefined while they load (it renders again then) or if they cannot. */
export function walletHelpFor(host: LitElement): WalletHelp | undefined {
  if (!loaded) {
    waiting.add(host);
    loading ??= import('./wallet-help.js').then(
      (module) => {
        loaded = module;
        for (const element of waiting) element.requestUpdate();
        waiting.clear();
      },
      // Offline, or the file is not beside the script: the status sentence still says what to do.
      (error) => console.warn('xmtp-subscribe: the wallet help could not load', error),
    );
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
