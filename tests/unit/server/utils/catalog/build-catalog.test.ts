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
