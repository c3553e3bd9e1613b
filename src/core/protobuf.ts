// The few protobuf wire rules the consent payload needs: varints, length-delimited fields, skipping.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export function encodeVarint(value: number, out: number[]): void {
  // Division, not bit shifts: values reach 2^53 - 1, past what 32-bit shifts can hold.
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** Reads protobuf fields one by one, throwing a `TypeError` on truncated or unsupported input. */
export class ProtobufReader {
  #offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.#offset >= this.bytes.length;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wireType: number } {
    const tag = this.varint();
    return { field: Math.floor(tag / 8), wireType: tag % 8 };
  }

  /** An unsigned varint; throws when it is above 2^53 - 1, where numbers lose precision. */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.#byte();
      value += (byte & 0x7f) * scale;
      if (value > Number.MAX_SAFE_INTEGER) throw new TypeError('varint is above 2^53 - 1');
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new TypeError('varint is longer than 10 bytes');
  }

  lengthDelimited(): Uint8Array {
    const length = this.varint();
    if (this.#offset + length > this.bytes.length) throw new TypeError('input is truncated');
    const slice = this.bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return slice;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.#skipVarint();
        return;
      case WIRE_FIXED64:
        this.#advance(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.#advance(4);
        return;
      default:
        throw new TypeError(`unsupported wire type ${wireType}`);
    }
  }

  #skipVarint(): void {
    for (let i = 0; i < 10; i++) if (this.#byte() < 0x80) return;
    throw new TypeError('varint is longer than 10 bytes');
  }

  #advance(count: number): void {
    if (this.#offset + count > this.bytes.length) throw new TypeError('input is truncated');
    this.#offset += count;
  }

  #byte(): number {
    if (this.#offset >= this.bytes.length) throw new TypeError('input is truncated');
    return this.bytes[this.#offset++]!;
  }
}
