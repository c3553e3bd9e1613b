// Reads an element's `endpoint` attribute: absolute, or relative to the page; http(s) only.

export function resolveEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint, document.baseURI);
  } catch {
    throw new TypeError(`endpoint must be a URL, got '${endpoint}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`endpoint must be an http(s) URL, got '${endpoint}'`);
  }
  return url.href;
}
