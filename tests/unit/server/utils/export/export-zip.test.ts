import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ExportZip } from '../../../../../server/utils/export/export-zip'
import { makeTempDir } from '../../../../support/server'

const spills = () => readdirSync(tmpdir()).filter(name => name.startsWith('ai4artsed-zip-central-')).length

async function zipOf(files: { name: string, data: Buffer, store?: boolean, stream?: boolean }[]): Promise<Buffer> {
  const zip = new ExportZip()
  const parts: Buffer[] = []
  zip.on('data', (chunk: Buffer) => parts.push(chunk))
  const ended = new Promise((resolve, reject) => { zip.on('end', resolve); zip.on('error', reject) })
  for (const file of files) {
    await new Promise<void>((resolve, reject) => zip.entry(file.stream ? Readable.from([file.data]) : file.data, { name: file.name, store: file.store }, error => (error ? reject(error) : resolve())))
  }
  zip.finalize()
  await ended
  return Buffer.concat(parts)
}

describe('ExportZip', () => {
  it('writes a ZIP that unzip reads back byte for byte, its central directory spilled to a temp file and removed', async () => {
    const before = spills()
    const files = Array.from({ length: 300 }, (_, n) => ({ name: `runs/${n}/output-image.png`, data: randomBytes(n * 7), store: n % 2 === 0, stream: n % 3 === 0 }))
    const zip = await zipOf(files)
    const dir = makeTempDir('ai4artsed-zip-test-')
    writeFileSync(join(dir, 'export.zip'), zip)
    execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir })
    for (const file of files) expect(execFileSync('cat', [join(dir, 'out', file.name)])).toEqual(file.data)
    expect(spills()).toBe(before)
  })
})
