/**
 * Buffers in memory up to a byte budget; the least recently used go first beyond it. Keys name a
 * version of a file (its ETag is part of them), so an entry never goes stale: a new version is a
 * new key and the old one ages out.
 */
export class BytesLru {
  private readonly entries = new Map<string, Buffer>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const data = this.entries.get(key)
    if (data) {
      this.entries.delete(key)
      this.entries.set(key, data)
    }
    return data
  }

  set(key: string, data: Buffer): void {
    const known = this.entries.get(key)
    if (known) this.bytes -= known.length
    this.entries.delete(key)
    this.entries.set(key, data)
    this.bytes += data.length
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= entry.length
    }
  }

  /** Its entry, made once by `make` when it is not there (concurrent callers may each make it; the last one stays). */
  async getOrMake(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const known = this.get(key)
    if (known) return known
    const data = await make()
    this.set(key, data)
    return data
  }
}
