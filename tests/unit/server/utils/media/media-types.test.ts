import { describe, expect, it } from 'vitest'
import { mimeTypeOf } from '../../../../../server/utils/media/media-types'

describe('mimeTypeOf', () => {
  it('names every type a backend may deliver, so the media route serves it playable', () => {
    expect(['x.png', 'x.JPG', 'x.webp', 'x.wav', 'x.flac', 'x.mp3', 'x.ogg', 'x.opus'].map(mimeTypeOf))
      .toEqual(['image/png', 'image/jpeg', 'image/webp', 'audio/wav', 'audio/flac', 'audio/mpeg', 'audio/ogg', 'audio/ogg'])
  })

  it('falls back to a plain download type for names it does not know', () => {
    expect(mimeTypeOf('notes.xyz')).toBe('application/octet-stream')
  })
})
