// The strict-CSP page signs with a throwaway wallet unless the browser has one.
import { createThrowawayWallet } from '/demo/dist/kit.js';

if (!window.ethereum) document.querySelector('xmtp-subscribe').provider = createThrowawayWallet();
