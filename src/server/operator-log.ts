// What the server tells its operator on stderr besides the request log: one line per event, never a
// stack trace, a signature, or a URL's credentials and path (an RPC URL's path often holds an API key).

/** Signatures, and calldata that carries them. */
const LONG_HEX = /(?:0x)?[0-9a-fA-F]{64,}/g;
/** A URL: its scheme and host are kept, anything after the host or before it (user:password@) is not. */
const URL_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#@'"]*@)?([^\s/?#'"]*)([^\s'"]*)/gi;

/** Writes `message` as one line on stderr, scrubbed. */
export function tellOperator(message: string): void {
  console.error(`xmtp-subscribe: ${scrubbed(message)}`);
}

/** An error as one line for the operator: its name when it has one of its own, and its message, without the stack. */
export function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const name = error.name === 'Error' ? '' : `${error.name}: `;
  return `${name}${error.message}`;
}

/** `text` on one line, with long hex and the parts of URLs that may be secret replaced. */
export function scrubbed(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(LONG_HEX, '[hex redacted]')
    .replace(URL_TEXT, (_, scheme: string, host: string, rest: string) => `${scheme}${host}${rest ? '/…' : ''}`);
}

/**
 * A URL from the command line or the environment as it may be shown: its scheme and host only
 * (never its credentials or path), or a word for what it is when it is no URL.
 */
export function shownUrl(text: string): string {
  return URL.canParse(text) && text.includes('://') ? `'${scrubbed(text)}'` : 'a value that is not a URL';
}
