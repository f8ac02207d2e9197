/**
 * Serialises async work per key inside this process: two updates of one run never interleave
 * their read-modify-write, so neither is lost.
 */
export class KeyedMutex {
  private tails = new Map<string, Promise<unknown>>()

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(work, work)
    const tail = result.catch(() => undefined)
    this.tails.set(key, tail)
    try {
      return await result
    }
    finally {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}
