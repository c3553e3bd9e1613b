// The endpoint's origin allowlist: which pages may call it, and the CORS headers that tell their
// browsers so.
import { describe } from '../core/address.js';
import { Refusal } from './refusal.js';

export interface OriginAllowlist {
  /** Throws a 403 `origin_not_allowed` refusal for an origin not on the list. */
  check(origin: string | null): void;
  addCorsHeaders(response: Response, origin: string | null): void;
}

/** `entries` are origins like `https://example.com`; none, or `*`, allows every origin. */
export function originAllowlist(entries: readonly string[] = []): OriginAllowlist {
  const allowsAll = entries.length === 0 || entries.includes('*');
  const allowed = new Set(
    entries
      .filter((entry) => entry !== '*')
      .map((entry) => {
        const origin = originOf(entry);
        if (origin) return origin;
        throw new TypeError(`each allowed origin must be an origin like https://example.com, got ${describe(entry)}`);
      }),
  );
  // No Origin header: server to server or curl, which the allowlist is not about.
  const allows = (origin: string | null) => origin === null || allowsAll || allowed.has(originOf(origin) ?? '');

  return {
    check(origin) {
      if (allows(origin)) return;
      throw new Refusal(403, 'origin_not_allowed', `pages from ${describe(origin)} may not use this endpoint`);
    },
    addCorsHeaders(response, origin) {
      response.headers.append('vary', 'origin');
      if (origin === null || !allows(origin)) return;
      response.headers.set('access-control-allow-origin', allowsAll ? '*' : origin);
      if (response.headers.has('retry-after')) response.headers.set('access-control-expose-headers', 'retry-after');
    },
  };
}

/** The origin of `value` (scheme, host, port) when `value` is nothing more than an origin. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return bare && url.origin !== 'null' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
