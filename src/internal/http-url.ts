// Reads a URL attribute (an endpoint, an inbox link): absolute, or relative to the page; http(s) only.

/** `value` as an absolute http(s) URL; a `TypeError` naming the attribute `name` otherwise. */
export function resolveHttpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value, document.baseURI);
  } catch {
    throw new TypeError(`${name} must be a URL, got '${value}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} must be an http(s) URL, got '${value}'`);
  }
  return url.href;
}
