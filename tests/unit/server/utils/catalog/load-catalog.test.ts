import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { LocalizedText, Slug } from '#shared/schemas/common'
import { loadCatalog } from '../../../../../server/utils/catalog/load-catalog'
import { readCatalogDir } from '../../../../../server/utils/catalog/read-catalog-dir'

const Item = z.object({ id: Slug, name: LocalizedText, size: z.number().default(1) })

const source = (id: string, name: object = { de: `Name ${id}`, en: `Name ${id}` }, file = `${id}.json`) =>
  ({ file, text: JSON.stringify({ id, name }) })

describe('loadCatalog', () => {
  it('loads valid sources sorted by id, with schema defaults applied', () => {
    const { items, problems } = loadCatalog(Item, [source('zebra'), source('apple')])

    expect(problems).toEqual([])
    expect(items.map(item => item.id)).toEqual(['apple', 'zebra'])
    expect(items[0]).toEqual({ id: 'apple', name: { de: 'Name apple', en: 'Name apple' }, size: 1 })
  })

  it('names the file that is not valid JSON and still loads the others', () => {
    const { items, problems } = loadCatalog(Item, [{ file: 'broken.json', text: '{ "id": "broken",' }, source('fine')])

    expect(items.map(item => item.id)).toEqual(['fine'])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'broken.json', field: '' })
    expect(problems[0]!.message).toMatch(/JSON/)
  })

  it('names the failing field path and still loads the others', () => {
    const { items, problems } = loadCatalog(Item, [source('half', { de: 'Nur Deutsch' }), source('whole')])

    expect(items.map(item => item.id)).toEqual(['whole'])
    expect(problems).toEqual([expect.objectContaining({ file: 'half.json', field: 'name.en' })])
  })

  it('lets a later source replace an earlier one with the same id', () => {
    const shipped = source('bauhaus', { de: 'Bauhaus', en: 'Bauhaus' }, 'assets/bauhaus.json')
    const school = source('bauhaus', { de: 'Bauhaus der Schule', en: 'School Bauhaus' }, 'content/bauhaus.json')

    const { items, problems } = loadCatalog(Item, [shipped, school])

    expect(problems).toEqual([])
    expect(items).toHaveLength(1)
    expect(items[0]!.name.de).toBe('Bauhaus der Schule')
  })

  it('keeps the earlier item when the overriding source is invalid', () => {
    const shipped = source('bauhaus', { de: 'Bauhaus', en: 'Bauhaus' })
    const brokenSchool = { file: 'content/bauhaus.json', text: 'not json' }

    const { items, problems } = loadCatalog(Item, [shipped, brokenSchool])

    expect(items.map(item => item.name.de)).toEqual(['Bauhaus'])
    expect(problems.map(problem => problem.file)).toEqual(['content/bauhaus.json'])
  })

  it('rejects an item whose id differs from its file name', () => {
    const { items, problems } = loadCatalog(Item, [source('renaissance', undefined, 'content/baroque.json')])

    expect(items).toEqual([])
    expect(problems).toEqual([expect.objectContaining({ file: 'content/baroque.json', field: 'id' })])
    expect(problems[0]!.message).toContain('baroque')
  })

  it('accepts a file saved with a byte-order mark', () => {
    const { items, problems } = loadCatalog(Item, [{ file: 'bom.json', text: `\uFEFF${source('bom').text}` }])

    expect(problems).toEqual([])
    expect(items.map(item => item.id)).toEqual(['bom'])
  })
})

describe('readCatalogDir', () => {
  let dir: string | undefined

  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('returns an empty list for a missing folder', async () => {
    await expect(readCatalogDir(join(tmpdir(), 'ai4artsed-no-such-catalog-dir'))).resolves.toEqual([])
  })

  it('reads only the json files of the folder, in name order', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ai4artsed-catalog-'))
    await writeFile(join(dir, 'b.json'), '{"id":"b"}')
    await writeFile(join(dir, 'a.json'), '{"id":"a"}')
    await writeFile(join(dir, 'notes.txt'), 'ignore me')
    await writeFile(join(dir, '._a.json'), 'macOS shadow file')
    await mkdir(join(dir, 'folder.json'))

    const sources = await readCatalogDir(dir)

    expect(sources).toEqual([
      { file: join(dir, 'a.json'), text: '{"id":"a"}' },
      { file: join(dir, 'b.json'), text: '{"id":"b"}' },
    ])
  })
})
