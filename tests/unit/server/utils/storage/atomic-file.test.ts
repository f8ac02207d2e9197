import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { transformSync } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../../../../server/utils/storage/atomic-file'
import { makeTempDir } from '../../../../support/server'

describe('writeFileAtomic', () => {
  it('writes a buffer, a string and a stream, creating folders as needed', async () => {
    const dir = makeTempDir()
    await writeFileAtomic(join(dir, 'a', 'one.txt'), 'hello')
    await writeFileAtomic(join(dir, 'a', 'two.bin'), Buffer.from([1, 2, 3]))
    await writeFileAtomic(join(dir, 'b', 'three.txt'), Readable.from(['stre', 'amed']))
    expect(readFileSync(join(dir, 'a', 'one.txt'), 'utf8')).toBe('hello')
    expect([...readFileSync(join(dir, 'a', 'two.bin'))]).toEqual([1, 2, 3])
    expect(readFileSync(join(dir, 'b', 'three.txt'), 'utf8')).toBe('streamed')
  })

  it('leaves no temp file behind and keeps the old content when the stream fails', async () => {
    const dir = makeTempDir()
    const path = join(dir, 'metadata.json')
    writeFileSync(path, '{"old":true}')
    const failing = new Readable({
      read() {
        this.push('{"new":')
        this.destroy(new Error('network dropped'))
      },
    })
    await expect(writeFileAtomic(path, failing)).rejects.toThrow('network dropped')
    expect(readFileSync(path, 'utf8')).toBe('{"old":true}')
    expect(readdirSync(dir)).toEqual(['metadata.json'])
  })

  it('never lets a reader see a partial file while a writer is killed mid-write', async () => {
    const dir = makeTempDir()
    const path = join(dir, 'big.json')
    const whole = JSON.stringify({ items: 'x'.repeat(4_000_000) })
    writeFileSync(path, whole)
    // A child process rewrites the file in a loop; we SIGKILL it at an arbitrary moment.
    const source = readFileSync(resolve(import.meta.dirname, '../../../../../server/utils/storage/atomic-file.ts'), 'utf8')
    const module = join(dir, 'atomic-file.mjs')
    writeFileSync(module, transformSync(source, { loader: 'ts', format: 'esm' }).code)
    const script = `import { writeFileAtomic } from ${JSON.stringify(module)}
      const body = JSON.stringify({ items: 'y'.repeat(4_000_000) })
      for (;;) await writeFileAtomic(${JSON.stringify(path)}, body)`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' })
    const deadline = Date.now() + 1500
    let reads = 0
    while (Date.now() < deadline) {
      const text = readFileSync(path, 'utf8')
      expect(() => JSON.parse(text)).not.toThrow()
      reads += 1
      await new Promise(resolveTick => setTimeout(resolveTick, 5))
    }
    child.kill('SIGKILL')
    await new Promise(resolveExit => child.once('exit', resolveExit))
    expect(reads).toBeGreaterThan(10)
    expect(JSON.parse(readFileSync(path, 'utf8')).items).toMatch(/^(x+|y+)$/)
    expect(existsSync(path)).toBe(true)
  })
})
