import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { conflictAnnouncer, mergeConflicts, PublicAddressCheck, storageConflicts } from '../../../../../server/utils/cluster/conflicts'
import type { InstanceRecord } from '../../../../../server/utils/cluster/coordinator'

function instance(id: string, port: number, dataDir: string, storageId: string, extra: { queue?: string, publicUrl?: string } = {}): InstanceRecord {
  return {
    id, pid: port, hostname: 'host', port, version: '1.0.0', commit: null,
    started_at: '2026-01-01T00:00:00.000Z', last_seen: '2026-01-01T00:00:05.000Z',
    public_url: extra.publicUrl ?? null,
    storage: { driver: 'fs', location: `${dataDir}/runs`, data_dir: dataDir, id: storageId },
    queue: extra.queue ? { driver: 'bullmq', location: extra.queue } : { driver: 'memory', location: `memory:${dataDir}` },
  }
}

const REDIS = 'redis://127.0.0.1:6379/0'

describe('storageConflicts', () => {
  it('finds none between instances sharing queue and address with the same storage id', () => {
    expect(storageConflicts([
      instance('a1b2c3d4-1', 3000, '/srv/data', 'S1', { queue: REDIS, publicUrl: 'https://kunst.schule.de' }),
      instance('c3d4e5f6-2', 3001, '/srv/data', 'S1', { queue: REDIS, publicUrl: 'https://kunst.schule.de' }),
    ])).toEqual([])
  })

  it('reports two instances taking jobs from one queue but storing in different places, naming both', () => {
    const conflicts = storageConflicts([
      instance('a1b2c3d4-1', 3000, '/srv/ai4artsed/data', 'S1', { queue: REDIS }),
      instance('c3d4e5f6-2', 3001, '/home/dev/data', 'S2', { queue: REDIS }),
    ])
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!.reason).toBe('shared_queue')
    expect(conflicts[0]!.message).toBe('Instance a1b2c3d4 (host:3000) stores in /srv/ai4artsed/data but instance c3d4e5f6 (host:3001) in /home/dev/data, and both take jobs from redis://127.0.0.1:6379/0')
    expect(conflicts[0]!.instances).toEqual([
      { id: 'a1b2c3d4-1', hostname: 'host', port: 3000, storage: { driver: 'fs', location: '/srv/ai4artsed/data/runs', id: 'S1' } },
      { id: 'c3d4e5f6-2', hostname: 'host', port: 3001, storage: { driver: 'fs', location: '/home/dev/data/runs', id: 'S2' } },
    ])
  })

  it('reports two instances behind one public address with different storage ids', () => {
    const conflicts = storageConflicts([
      instance('a1', 3000, '/srv/data', 'S1', { publicUrl: 'https://kunst.schule.de' }),
      instance('b2', 3001, '/home/dev/data', 'S2', { publicUrl: 'https://kunst.schule.de' }),
      instance('c3', 3002, '/tmp/other', 'S3', { publicUrl: 'https://other.schule.de' }),
    ])
    expect(conflicts.map(conflict => [conflict.reason, conflict.instances.map(member => member.id)])).toEqual([['shared_public_url', ['a1', 'b2']]])
    expect(conflicts[0]!.message).toMatch(/\/srv\/data.*\/home\/dev\/data.*are reached at https:\/\/kunst\.schule\.de/)
  })

  it('never counts in-process queues as shared, even when their locations look alike', () => {
    const a = instance('a1', 3000, '/srv/data', 'S1')
    const b = { ...instance('b2', 3001, '/home/dev/data', 'S2'), queue: a.queue }
    expect(storageConflicts([a, b])).toEqual([])
  })

  it('gives three instances on one queue, two of them on one storage, one conflict naming both storages', () => {
    const conflicts = storageConflicts([
      instance('a1', 3000, '/srv/data', 'S1', { queue: REDIS }),
      instance('b2', 3001, '/srv/data', 'S1', { queue: REDIS }),
      instance('c3', 3002, '/home/dev/data', 'S2', { queue: REDIS }),
    ])
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]!.instances.map(member => member.id)).toEqual(['a1', 'b2', 'c3'])
    expect(conflicts[0]!.message).toBe('Instance a1 (host:3000) stores in /srv/data but instance c3 (host:3002) in /home/dev/data, and both take jobs from redis://127.0.0.1:6379/0')
  })

  it('says "all" when three storages share one queue', () => {
    const [conflict] = storageConflicts([
      instance('a1', 3000, '/a', 'S1', { queue: REDIS }), instance('b2', 3001, '/b', 'S2', { queue: REDIS }), instance('c3', 3002, '/c', 'S3', { queue: REDIS }),
    ])
    expect(conflict!.message).toBe('Instance a1 (host:3000) stores in /a but instance b2 (host:3001) in /b and instance c3 (host:3002) in /c, and all take jobs from redis://127.0.0.1:6379/0')
  })

  it('names the bucket for S3 media', () => {
    const a = { ...instance('a1', 3000, '/srv/data', 'S1', { queue: REDIS }), storage: { driver: 's3', location: 's3://media/school', data_dir: '/srv/data', id: 'S1' } }
    const [conflict] = storageConflicts([a, instance('b2', 3001, '/home/dev/data', 'S2', { queue: REDIS })])
    expect(conflict!.message).toContain('stores in s3://media/school (data dir /srv/data) but instance b2 (host:3001) in /home/dev/data')
  })
})

describe('conflictAnnouncer', () => {
  it('prints a conflict once when it appears, and again only after it went away', () => {
    const lines: string[] = []
    const announce = conflictAnnouncer(line => lines.push(line))
    const conflicts = storageConflicts([instance('a1', 3000, '/a', 'S1', { queue: REDIS }), instance('b2', 3001, '/b', 'S2', { queue: REDIS })])
    announce(conflicts)
    announce(mergeConflicts(conflicts, conflicts))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/STORAGE CONFLICT: Instance a1 .* \/a but instance b2 .* \/b/)
    announce([])
    announce(conflicts)
    expect(lines).toHaveLength(2)
  })
})

describe('PublicAddressCheck', () => {
  let server: Server | undefined
  afterEach(() => new Promise<void>(resolveClose => server ? server.close(() => resolveClose()) : resolveClose()))

  /** A loopback stand-in for the instance answering at the public address. */
  async function healthServer(body: unknown, status = 200): Promise<string> {
    server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    })
    await new Promise<void>(resolveListen => server!.listen(0, '127.0.0.1', () => resolveListen()))
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`
  }

  const self = () => ({ id: 'me-instance', hostname: 'laptop', port: 3001, storage: { driver: 'fs', location: '/home/dev/data/runs', data_dir: '/home/dev/data', id: 'S-dev' } })
  const answer = (instanceId: string, storageId: string) => ({
    status: 'ok', instance: { id: instanceId, hostname: 'prod', port: 3000, pid: 1, started_at: 'x' },
    storage: { driver: 'fs', location: '/srv/ai4artsed/data/runs', data_dir: '/srv/ai4artsed/data', id: storageId },
  })

  it('reports a conflict when another instance with another storage answers at the public address', async () => {
    const url = await healthServer(answer('prod-instance', 'S-prod'))
    const check = new PublicAddressCheck({ publicUrl: url, self })
    await check.checkNow()
    expect(check.check).toMatchObject({ url: `${url}/api/health`, ok: true, error: null })
    expect(check.conflict?.reason).toBe('shared_public_url')
    expect(check.conflict?.message).toBe(`Instance me-insta (laptop:3001) stores in /home/dev/data but instance prod-ins (prod:3000) in /srv/ai4artsed/data, and both are reached at ${url}`)
  })

  it('without the health token still finds the conflict from the storage id alone, naming the public address', async () => {
    const url = await healthServer({ status: 'ok', version: '1.0.0', commit: null, storage: { id: 'S-prod' } })
    const check = new PublicAddressCheck({ publicUrl: url, self })
    await check.checkNow()
    expect(check.conflict?.message).toMatch(new RegExp(`^Instance me-insta \\(laptop:3001\\) stores in /home/dev/data but instance unknown \\(127\\.0\\.0\\.1:\\d+\\) in ${url} \\(data dir not shown: give every instance the same NUXT_HEALTH_TOKEN to see it\\)`))
  })

  it('sends the health token, so the other instance shows its details', async () => {
    let authorization: string | undefined
    server = createServer((request, response) => {
      authorization = request.headers.authorization
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer('prod-instance', 'S-prod')))
    })
    await new Promise<void>(resolveListen => server!.listen(0, '127.0.0.1', () => resolveListen()))
    const check = new PublicAddressCheck({ publicUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, healthToken: 'a-token-of-16-chars', self })
    await check.checkNow()
    expect(authorization).toBe('Bearer a-token-of-16-chars')
    expect(check.conflict?.message).toContain('/srv/ai4artsed/data')
  })

  it('finds no conflict when the answer is this instance, or another one on the same storage', async () => {
    const url = await healthServer(answer('me-instance', 'S-prod'))
    const check = new PublicAddressCheck({ publicUrl: url, self })
    await check.checkNow()
    expect(check.conflict).toBeNull()
    const same = new PublicAddressCheck({ publicUrl: url, self: () => ({ ...self(), id: 'other', storage: { ...self().storage, id: 'S-prod' } }) })
    await same.checkNow()
    expect(same.conflict).toBeNull()
  })

  it('notes an unreachable address or a foreign answer without calling it a conflict', async () => {
    const url = await healthServer({ hello: 'world' })
    const foreign = new PublicAddressCheck({ publicUrl: url, self })
    await foreign.checkNow()
    expect(foreign.check).toMatchObject({ ok: false, error: expect.stringMatching(/not as an AI4ArtsEd instance/) })
    expect(foreign.conflict).toBeNull()
    await new Promise<void>(resolveClose => server!.close(() => resolveClose()))
    server = undefined
    const unreachable = new PublicAddressCheck({ publicUrl: url, self })
    await unreachable.checkNow()
    expect(unreachable.check).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) })
    expect(unreachable.conflict).toBeNull()
  })

  it('gives up on a silent address after the timeout', async () => {
    server = createServer(() => { /* never answers */ })
    await new Promise<void>(resolveListen => server!.listen(0, '127.0.0.1', () => resolveListen()))
    const check = new PublicAddressCheck({ publicUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, self, timeoutMs: 200 })
    await check.checkNow()
    expect(check.check).toMatchObject({ ok: false, error: expect.stringMatching(/timeout/i) })
    server.closeAllConnections()
  })

  it('checks first after the start delay and then on every interval, and calls back after each', async () => {
    vi.useFakeTimers()
    try {
      const check = new PublicAddressCheck({ publicUrl: 'http://127.0.0.1:1', self, firstDelayMs: 5000, intervalMs: 60_000 })
      const spy = vi.spyOn(check, 'checkNow').mockResolvedValue()
      const stop = check.start()
      await vi.advanceTimersByTimeAsync(4999)
      expect(spy).toHaveBeenCalledTimes(0)
      await vi.advanceTimersByTimeAsync(1)
      expect(spy).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(60_000)
      expect(spy).toHaveBeenCalledTimes(2)
      stop()
      await vi.advanceTimersByTimeAsync(120_000)
      expect(spy).toHaveBeenCalledTimes(2)
    }
    finally {
      vi.useRealTimers()
    }
  })
})
