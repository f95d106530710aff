/**
 * Little-endian binary output for the SPSS system file. Collects chunks and joins them once:
 * a file is written in one pass, its size known only at the end.
 */
export class ByteWriter {
  private readonly chunks: Buffer[] = [];

  int32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.chunks.push(b);
    return this;
  }

  int32s(values: readonly number[]): this {
    for (const v of values) this.int32(v);
    return this;
  }

  float64(value: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.chunks.push(b);
    return this;
  }

  bytes(data: Buffer): this {
    this.chunks.push(data);
    return this;
  }

  /** `data` right-padded with `fill` to exactly `length` bytes (`data` must fit). */
  padded(data: Buffer, length: number, fill = 0x20): this {
    if (data.length > length) throw new Error(`${data.length} bytes do not fit in ${length}`);
    const b = Buffer.alloc(length, fill);
    data.copy(b);
    this.chunks.push(b);
    return this;
  }

  /** `data` padded with `fill` up to the next multiple of `unit` bytes. */
  aligned(data: Buffer, unit: number, fill = 0x20): this {
    return this.padded(data, Math.ceil(data.length / unit) * unit, fill);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** UTF-8 bytes of `text`, cut to at most `max` bytes without splitting a character. */
export function utf8Cut(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return bytes;
  let end = max;
  // Continuation bytes look like 10xxxxxx: step back to the start of the cut character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
