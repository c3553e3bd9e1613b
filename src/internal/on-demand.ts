// Code the CDN files fetch only when a reader needs it (the help file, the WalletConnect add-on):
// offline, or not hosted beside the script, it fails as the network does, so the reader can retry.
import { XmtpError } from './errors.js';

/** What `load` imports, or a `network` error naming `what`, with the import's failure as its cause. */
export async function loadOnDemand<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    // Inside the try: a CDN build computes the file's URL in the import, which can throw at once.
    return await load();
  } catch (error) {
    throw Object.assign(new XmtpError('network', `${what} could not load`), { cause: error });
  }
}
