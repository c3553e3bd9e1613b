// The controls few readers see, in a module loaded the first time one is shown (the CDN serves it as
// xmtp-subscribe-help.js): the picker among several wallets, help for a reader without a wallet, a
// phone wallet's pairing, the QR codes of both, with their styles and English words. They render
// with the lit of the element that loaded them, handed over with `useLit` before anything shows.
import type { ReactiveControllerHost } from 'lit';
import type { Connector } from '../../wallet/connector.js';
import { noWalletHelp } from './no-wallet-help.js';
import { QrCodes } from './qr-code.js';
import type { XmtpStrings } from './strings.js';
import { helpEnglish } from './strings-help.js';
import { walletConnectPairing, type PairingView } from './walletconnect-pairing.js';
import { walletPicker, type PickerOptions } from './wallet-picker.js';

export { useLit } from './help-lit.js';
export { walletHelpStyles } from './wallet-help.styles.js';

/** The rare controls of one element, which renders again when a QR code is drawn. */
export function walletHelp(host: ReactiveControllerHost) {
  const codes = new QrCodes(host);
  /** The pairing URI the reader copied, so the copy button can say so. */
  let copiedUri: string | undefined;
  const copy = async (uri: string) => {
    try {
      await navigator.clipboard.writeText(uri);
      copiedUri = uri;
      host.requestUpdate();
    } catch {
      /* no clipboard here (an insecure page, a refused permission): the link itself still works */
    }
  };
  const qrCode = (text: string, label: string) => codes.render(text, label);
  // English wherever the locale or the page left one of these texts out.
  const english = (words: XmtpStrings): XmtpStrings => ({ ...helpEnglish, ...words });
  return {
    walletPicker: (wallets: readonly Connector[], words: XmtpStrings, handlers: Omit<PickerOptions, 'heading' | 'cancel'>) => {
      const { chooseWallet, cancel } = english(words);
      return walletPicker(wallets, { heading: chooseWallet, cancel, ...handlers });
    },
    noWalletHelp: (words: XmtpStrings) => noWalletHelp(english(words), qrCode),
    walletConnectPairing: (view: Omit<PairingView, 'qrCode' | 'copied' | 'onCopy'>) =>
      walletConnectPairing({
        ...view,
        words: english(view.words),
        qrCode,
        copied: view.uri === copiedUri,
        onCopy: () => void copy(view.uri),
      }),
  };
}

export type WalletHelp = ReturnType<typeof walletHelp>;
