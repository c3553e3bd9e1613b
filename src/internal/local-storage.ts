// localStorage that never throws: it may be missing or refuse (private modes, sandboxed frames,
// a full quota), and what the elements keep there is a convenience, never the only copy.

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readItem(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeItem(key: string, value: string): void {
  try {
    storage()?.setItem(key, value);
  } catch {
    /* not kept: the next visit asks again */
  }
}

export function removeItem(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    /* nothing to remove */
  }
}

/** The keys that start with `prefix`, in no particular order. */
export function keysStartingWith(prefix: string): string[] {
  try {
    const store = storage();
    const keys: string[] = [];
    for (let i = 0; store && i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}
