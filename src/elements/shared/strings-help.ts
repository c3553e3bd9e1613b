// The English of the controls few readers see (the wallet picker, help without a wallet, a phone
// wallet's pairing): it travels with them in the file loaded on demand, not in the elements' files.
import type { HelpWord, XmtpStrings } from './strings.js';

export const helpEnglish: Pick<XmtpStrings, HelpWord> = {
  chooseWallet: 'Choose a wallet',
  cancel: 'Cancel',
  openInWalletApp: 'Open this page in your wallet app:',
  whatIsAWallet: 'A wallet is an app that keeps your Ethereum account and signs for you.',
  findAWallet: 'Find a wallet',
  scanToOpenPage: 'Have a wallet app on your phone? Scan this code to open this page there.',
  pageQrLabel: 'QR code of this page',
  walletConnectHeading: 'Connect a phone wallet with WalletConnect',
  walletConnectScan: 'Scan this code with your phone’s wallet app to connect it.',
  walletConnectTap: 'Open your wallet app to connect it, then come back to this page.',
  walletConnectQrLabel: 'WalletConnect QR code to scan with your wallet app',
  walletConnectOpen: 'Open in your wallet app',
  copyLink: 'Copy the link',
  linkCopied: 'Link copied',
};
