import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import { FsBlobStore } from '../../../../../server/utils/storage/fs-blob-store'
import { makeTempDir } from '../../../../support/server'

const RUN = '3b241101-e2bb-4255-8caf-4136c566a962'

function store() {
  const root = makeTempDir()
  mkdirSync(join(root, 'runs'))
  return { root, blobs: new FsBlobStore(join(root, 'runs')) }
}

describe('FsBlobStore', () => {
  it('stores from a buffer and a stream, stats, reads ranges and lists a run folder', async () => {
    const { blobs } = store()
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('0123456789'), { contentType: 'image/png' })
    await blobs.put(`${RUN}/output-audio.wav`, Readable.from([Buffer.from('abc'), Buffer.from('def')]), { contentType: 'audio/wav' })
    expect((await blobs.stat(`${RUN}/output-image.png`))?.size).toBe(10)
    expect(await text(await blobs.read(`${RUN}/output-image.png`, { start: 2, end: 4 }))).toBe('234')
    expect(await text(await blobs.read(`${RUN}/output-audio.wav`))).toBe('abcdef')
    expect(await blobs.list(RUN)).toEqual(['output-audio.wav', 'output-image.png'])
  })

  it('changes the ETag when the content is replaced', async () => {
    const { blobs } = store()
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('one'), { contentType: 'image/png' })
    const first = (await blobs.stat(`${RUN}/output-image.png`))!.etag
    await blobs.put(`${RUN}/output-image.png`, Buffer.from('three'), { contentType: 'image/png' })
    expect((await blobs.stat(`${RUN}/output-image.png`))!.etag).not.toBe(first)
  })

  it('does not follow a symlink inside the data dir that points out of it', async () => {
    const { root, blobs } = store()
    const outside = makeTempDir()
    writeFileSync(join(outside, 'secret.png'), 'secret')
    mkdirSync(join(root, 'runs', RUN))
    symlinkSync(join(outside, 'secret.png'), join(root, 'runs', RUN, 'output-image.png'))
    symlinkSync(outside, join(root, 'runs', 'b0000000-0000-4000-8000-000000000000'))
    expect(await blobs.stat(`${RUN}/output-image.png`)).toBeNull()
    expect(await blobs.stat('b0000000-0000-4000-8000-000000000000/secret.png')).toBeNull()
    await expect(blobs.read(`${RUN}/output-image.png`)).rejects.toThrow()
  })

  it('rejects keys that climb out of the store', async () => {
    const { blobs } = store()
    expect(await blobs.stat('../storage-id')).toBeNull()
    await expect(blobs.put('../../escape.png', Buffer.from('x'), { contentType: 'image/png' })).rejects.toThrow()
  })

  it('hides temp files a killed writer left behind', async () => {
    const { root, blobs } = store()
    mkdirSync(join(root, 'runs', RUN))
    writeFileSync(join(root, 'runs', RUN, '.output-image.png.123.abc.tmp'), 'half')
    expect(await blobs.list(RUN)).toEqual([])
  })
})
