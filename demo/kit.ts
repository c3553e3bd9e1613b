// What the demo page needs beyond the CDN file: the throwaway wallet, and the core builders to make
// example identity texts the way an XMTP SDK would.
export { createThrowawayWallet } from './throwaway-wallet.js';
export { identityText, inboxId } from '../src/core/index.js';
