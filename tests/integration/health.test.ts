import { chmodSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { api, healthDetails } from '../support/api'
import { makeTempDir, startExpectingExit, startServer } from '../support/server'

describe('GET /api/health', () => {
  it('describes the instance, its storage at the real path of a symlinked data dir, and its queue', async () => {
    const real = makeTempDir()
    const link = join(makeTempDir(), 'data-link')
    symlinkSync(real, link)
    const server = await startServer({ dataDir: link })
    try {
      const response = { body: await healthDetails(server) }
      const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }
      expect(response.body).toEqual({
        status: 'ok',
        version: pkg.version,
        // Only deploy/deploy.sh builds with AI4ARTSED_COMMIT set.
        commit: null,
        instance: {
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          pid: server.process.pid,
          hostname: expect.any(String),
          port: server.port,
          started_at: expect.any(String),
        },
        storage: { driver: 'fs', location: join(realpathSync(real), 'runs'), data_dir: realpathSync(real), id: readFileSync(join(real, 'storage-id'), 'utf8').trim() },
        queue: { driver: 'memory', waiting: 0, active: 0 },
        // Without a coordinator (issue 6) the instance lists itself; without NUXT_PUBLIC_URL nothing is asked.
        instances: [expect.objectContaining({ id: response.body.instance.id, queue: { driver: 'memory', location: `memory:${realpathSync(real)}` }, public_url: null })],
        conflicts: [],
        storage_conflict: false,
        public_url_check: null,
      })
      expect(response.body.storage.data_dir).not.toBe(link)
      expect(Date.parse(response.body.instance.started_at)).toBeLessThanOrEqual(Date.now())
    }
    finally {
      await server.stop()
    }
  })

  it('keeps the storage id of a data dir across restarts, and gives another data dir another id', async () => {
    const dataDir = makeTempDir()
    const [first, other] = await Promise.all([startServer({ dataDir }), startServer()])
    const idOf = async (server: typeof first) => healthDetails(server)
    const firstHealth = await idOf(first)
    const otherHealth = await idOf(other)
    await Promise.all([first.stop(), other.stop()])

    const second = await startServer({ dataDir })
    try {
      const secondHealth = await idOf(second)
      expect(secondHealth.storage.id).toBe(firstHealth.storage.id)
      expect(secondHealth.instance.id).not.toBe(firstHealth.instance.id)
      expect(otherHealth.storage.id).not.toBe(firstHealth.storage.id)
      expect(otherHealth.storage.location).not.toBe(firstHealth.storage.location)
    }
    finally {
      await second.stop()
    }
  })
})

describe('an unusable data dir', () => {
  it('stops a server whose data dir is a file, naming the path', async () => {
    const file = join(makeTempDir(), 'not-a-folder')
    writeFileSync(file, 'just a file')
    const { code, output } = await startExpectingExit({ dataDir: file, timeoutMs: 15_000 })
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(output).toContain(file)
    expect(output).toMatch(/refusing to start/)
    expect(readFileSync(file, 'utf8')).toBe('just a file')
  })

  it('stops a server whose data dir lies inside a file, naming the path', async () => {
    const file = join(makeTempDir(), 'plain-file')
    writeFileSync(file, '')
    const dataDir = join(file, 'data')
    const { code, output } = await startExpectingExit({ dataDir, timeoutMs: 15_000 })
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(output).toContain(dataDir)
  })

  it.runIf(process.platform === 'linux')('stops a server whose data dir cannot be created even by root, naming the path', async () => {
    const dataDir = '/sys/ai4artsed-data'
    const { code, output } = await startExpectingExit({ dataDir, timeoutMs: 15_000 })
    expect(code).not.toBe(0)
    expect(code).not.toBeNull()
    expect(output).toContain(dataDir)
    expect(output).toMatch(/refusing to start/)
  })

  it.skipIf(process.getuid?.() === 0)('stops a server whose data dir it cannot write, naming the path', async () => {
    const dataDir = join(makeTempDir(), 'read-only')
    mkdirSync(dataDir)
    chmodSync(dataDir, 0o500)
    try {
      const { code, output } = await startExpectingExit({ dataDir, timeoutMs: 15_000 })
      expect(code).not.toBe(0)
      expect(code).not.toBeNull()
      expect(output).toContain(dataDir)
    }
    finally {
      chmodSync(dataDir, 0o700)
    }
  })
})
