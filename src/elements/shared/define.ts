// Registers a tag once. A page that loads the CDN file twice, or it and the npm build, must not throw;
// when the two copies are different releases, one warning says which one the page is using.

/** An element class that says which release of xmtp-subscribe it comes from. */
type VersionedElement = CustomElementConstructor & { version?: string };

export function defineElement(tag: string, element: VersionedElement): void {
  if (typeof customElements === 'undefined') return;
  const defined: VersionedElement | undefined = customElements.get(tag);
  if (!defined) return customElements.define(tag, element);
  if (defined.version !== element.version) {
    const first = defined.version ? `xmtp-subscribe ${defined.version}` : 'another script';
    console.warn(`<${tag}> was defined by ${first}, so xmtp-subscribe ${element.version} is not used: load one copy.`);
  }
}
