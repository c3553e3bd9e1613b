// The words an element speaks: the locale of its nearest `lang` (looked up through shadow roots),
// with the page's `strings` on top; a locale that registers later is picked up at once.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALE_REGISTERED, localeStrings, mergeStrings, type XmtpStrings } from './strings.js';

export class LocaleController implements ReactiveController {
  /** `overrides` reads the element's `strings` property. */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly overrides: () => Partial<XmtpStrings> | undefined,
  ) {
    host.addController(this);
  }

  get words(): XmtpStrings {
    return mergeStrings(localeStrings(this.#lang()), this.overrides());
  }

  hostConnected(): void {
    addEventListener(LOCALE_REGISTERED, this.#onLocale);
  }

  hostDisconnected(): void {
    removeEventListener(LOCALE_REGISTERED, this.#onLocale);
  }

  #onLocale = (): void => this.host.requestUpdate();

  /** The nearest `lang`, looking through shadow roots up to the document. */
  #lang(): string {
    for (let node: Node | null = this.host; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
      if (node instanceof HTMLElement && node.lang) return node.lang;
    }
    return '';
  }
}
