// Registers a tag once: a page that loads the CDN file twice, or it and the npm build, must not throw.

export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, element);
}
