// Small display helpers shared by the elements.

/** `0x1234…abcd`: enough to recognise an address, short enough for one line. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
