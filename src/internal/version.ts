// The release of xmtp-subscribe this code belongs to (package.json's `version`; a test keeps them equal).
export const VERSION = '0.1.0';
