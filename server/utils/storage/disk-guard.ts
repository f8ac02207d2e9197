import { promises as fsp } from 'node:fs'
import { createError } from 'h3'
import type { DiskUseView } from '#shared/disk-use'

export interface DiskFloor { minFreeMb: number, minFreePercent: number }

type StatFs = (path: string) => Promise<{ bsize: number, blocks: number, bavail: number }>

const MB = 1024 * 1024
/** Many runs start in one second; the disk does not fill in one. */
const CACHE_MS = 1000

/**
 * Keeps the data dir's disk from filling up: below the floor (the larger of an absolute size and
 * a share of the disk) new runs are refused with 507, so runs already under way still have room
 * to finish and to record how they ended.
 */
export class DiskGuard {
  private cached: { at: number, use: DiskUseView } | null = null

  constructor(private path: string, private floor: DiskFloor, private statfs: StatFs = fsp.statfs) {}

  async use(): Promise<DiskUseView> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.use
    const stats = await this.statfs(this.path)
    const total = stats.blocks * stats.bsize
    const free = stats.bavail * stats.bsize
    const floor = Math.max(this.floor.minFreeMb * MB, Math.ceil(total * this.floor.minFreePercent / 100))
    const use: DiskUseView = { path: this.path, total_bytes: total, free_bytes: free, floor_bytes: floor, below_floor: free < floor }
    this.cached = { at: Date.now(), use }
    return use
  }

  /** Throws 507 with a sentence when free space is below the floor. */
  async assertRoom(): Promise<void> {
    const use = await this.use()
    if (!use.below_floor) return
    throw createError({
      statusCode: 507,
      statusMessage: `The server's disk is almost full (${Math.floor(use.free_bytes / MB)} MB free, at least ${Math.ceil(use.floor_bytes / MB)} MB needed), so nothing new can start. Tell your course leader.`,
      data: { reason: 'disk_full' },
    })
  }
}
