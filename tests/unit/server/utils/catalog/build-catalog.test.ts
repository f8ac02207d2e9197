import { describe, expect, it } from 'vitest'
import { buildCatalog } from '../../../../../server/utils/catalog/build-catalog'

const output = (id: string, fields: Record<string, unknown>) => ({
  file: `${id}.json`,
  text: JSON.stringify({ id, name: { de: id, en: id }, provider: 'builtin_video', media_type: 'video', ...fields }),
})

describe('buildCatalog outputs', () => {
  it('checks an output’s parameters against its medium; every medium of MEDIA_TYPES, 3D models too, can be made', () => {
    const catalog = buildCatalog({
      perspectives: [],
      outputs: [output('fine_video', { parameters: { fps: 12 } }), output('too_fast', { parameters: { fps: 1000 } }), output('figure', { media_type: 'model', provider: 'builtin_model' })],
    })
    expect(catalog.outputs.map(item => item.id)).toEqual(['figure', 'fine_video'])
    expect(catalog.problems).toEqual([
      expect.objectContaining({ file: 'too_fast.json', field: 'parameters.fps' }),
    ])
  })
})

describe('the default output of a run with pictures', () => {
  it('is one that takes that many pictures, even when the plain default takes none', () => {
    const image = (id: string, fields: Record<string, unknown>) => output(id, { media_type: 'image', provider: 'builtin_image', ...fields })
    const catalog = buildCatalog({
      perspectives: [],
      outputs: [image('words_only', { default: true }), image('one_picture', { max_pictures: 1 }), image('fusion', { max_pictures: 3 })],
    })
    expect(catalog.output('image')?.id).toBe('words_only')
    expect(catalog.output('image', 1)?.max_pictures).toBeGreaterThanOrEqual(1)
    expect(catalog.output('image', 2)?.id).toBe('fusion')
    expect(catalog.output('image', 3)?.id).toBe('fusion')
    expect(catalog.output('words_only', 2)?.id).toBe('words_only')
    expect(catalog.output('audio', 1)).toBeUndefined()
  })
})
