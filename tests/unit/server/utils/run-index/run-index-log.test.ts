import { promises as fsp, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { appendWholeLines, IndexLog } from '../../../../../server/utils/run-index/run-index-log'
import { diskFull } from '../../../../support/run-store'
import { makeTempDir } from '../../../../support/server'

/** The next append writes `bytes` of its chunk and then fails, as a disk that filled up mid-write. */
function diskFillsAfter(bytes: number) {
  const open = fsp.open.bind(fsp)
  vi.spyOn(fsp, 'open').mockImplementationOnce(async (...args: Parameters<typeof fsp.open>) => {
    const handle = await open(...args)
    handle.writeFile = async (data: unknown) => {
      await handle.write(String(data).slice(0, bytes))
      throw diskFull()
    }
    return handle
  })
}

afterEach(() => { vi.restoreAllMocks() })

describe('appending to the run index log', () => {
  it('cuts a write that failed half way back, so no torn line stays in the file', async () => {
    const file = join(makeTempDir(), 'runs.jsonl')
    writeFileSync(file, '{"index":"runs","version":1}\n')
    diskFillsAfter(7)
    await expect(appendWholeLines(file, '{"delete":"a"}\n')).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(readFileSync(file, 'utf8')).toBe('{"index":"runs","version":1}\n')
  })

  it('keeps lines that could not be written and writes them with the next append', async () => {
    const file = join(makeTempDir(), 'runs.jsonl')
    writeFileSync(file, '{"index":"runs","version":1}\n')
    const log = new IndexLog(file)
    log.resume()
    vi.spyOn(console, 'error').mockImplementation(() => {})
    diskFillsAfter(5)
    log.append({ delete: 'first' })
    await log.flush()
    log.append({ delete: 'second' })
    await log.flush()
    expect(readFileSync(file, 'utf8')).toBe('{"index":"runs","version":1}\n{"delete":"first"}\n{"delete":"second"}\n')
  })
})
