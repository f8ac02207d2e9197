import { describe, expect, it } from 'vitest'
import { DiskGuard } from '../../../../../server/utils/storage/disk-guard'

const GB = 1024 ** 3

/** A disk of `totalGb` with `freeGb` free, in 4 KiB blocks. */
const disk = (totalGb: number, freeGb: number) => async () => ({ bsize: 4096, blocks: totalGb * GB / 4096, bavail: freeGb * GB / 4096 })

describe('DiskGuard', () => {
  it('takes the larger of the absolute floor and the share of the disk', async () => {
    expect((await new DiskGuard('/data', { minFreeMb: 1024, minFreePercent: 5 }, disk(10, 5)).use()).floor_bytes).toBe(1 * GB)
    expect((await new DiskGuard('/data', { minFreeMb: 1024, minFreePercent: 5 }, disk(200, 50)).use()).floor_bytes).toBe(10 * GB)
  })

  it('lets runs start above the floor', async () => {
    await expect(new DiskGuard('/data', { minFreeMb: 1024, minFreePercent: 5 }, disk(100, 6)).assertRoom()).resolves.toBeUndefined()
  })

  it('refuses with 507 and a sentence below the floor', async () => {
    const guard = new DiskGuard('/data', { minFreeMb: 1024, minFreePercent: 5 }, disk(100, 4))
    expect((await guard.use()).below_floor).toBe(true)
    await expect(guard.assertRoom()).rejects.toMatchObject({
      statusCode: 507,
      statusMessage: 'The server\'s disk is almost full (4096 MB free, at least 5120 MB needed), so nothing new can start. Tell your course leader.',
      data: { reason: 'disk_full' },
    })
  })

  it('asks the file system at most once a second', async () => {
    let calls = 0
    const guard = new DiskGuard('/data', { minFreeMb: 0, minFreePercent: 0 }, async () => { calls++; return { bsize: 4096, blocks: 100, bavail: 50 } })
    await Promise.all([guard.use(), guard.use()])
    await guard.use()
    expect(calls).toBeLessThanOrEqual(2)
  })
})
