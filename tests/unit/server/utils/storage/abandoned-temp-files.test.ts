import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { removeAbandonedTempFiles } from '../../../../../server/utils/storage/abandoned-temp-files'
import { makeTempDir } from '../../../../support/server'

const DEAD_PID = 4_000_000

describe('removeAbandonedTempFiles', () => {
  it('removes temp files of writers that are gone and keeps those of live writers and every other file', async () => {
    const dataDir = makeTempDir()
    const folder = join(dataDir, 'runs', 'a')
    mkdirSync(folder, { recursive: true })
    const dead = join(folder, `.metadata.json.${DEAD_PID}.abc123.tmp`)
    const live = join(folder, `.metadata.json.${process.ppid}.abc123.tmp`)
    const data = join(folder, 'metadata.json')
    for (const file of [dead, live, data]) writeFileSync(file, 'x')
    expect(await removeAbandonedTempFiles(dataDir)).toBe(1)
    expect([existsSync(dead), existsSync(live), existsSync(data)]).toEqual([false, true, true])
  })

  it('removes a temp file older than any write takes, even when its process id is alive again', async () => {
    const dataDir = makeTempDir()
    const old = join(dataDir, `.runs.jsonl.${process.ppid}.abc123.tmp`)
    writeFileSync(old, 'x')
    const hourAgo = new Date(Date.now() - 60 * 60_000)
    utimesSync(old, hourAgo, hourAgo)
    expect(await removeAbandonedTempFiles(dataDir)).toBe(1)
    expect(existsSync(old)).toBe(false)
  })
})
