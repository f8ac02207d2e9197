import { describe, expect, it } from 'vitest'
import { isMediaFileName, isRunFileName, isRunId, runBlobKey, runDocumentKey } from '../../../../../server/utils/storage/run-keys'

const RUN = '3b241101-e2bb-4255-8caf-4136c566a962'

describe('run keys', () => {
  it('accepts only lower-case UUID v4 run ids', () => {
    expect(isRunId(RUN)).toBe(true)
    for (const bad of ['..', '%2e%2e', `${RUN}/..`, RUN.toUpperCase(), '3b241101-e2bb-1255-8caf-4136c566a962', `/${RUN}`, `${RUN}\0`, '']) {
      expect(isRunId(bad), bad).toBe(false)
    }
  })

  it('rejects file names that could leave a run folder', () => {
    for (const bad of ['../metadata.json', '..', '.metadata.json', 'a/b.png', 'a\\b.png', '/etc/passwd', 'output-image.png\0', 'output-image', '%2e%2e']) {
      expect(isRunFileName(bad), bad).toBe(false)
      expect(isMediaFileName(bad), bad).toBe(false)
    }
  })

  it('lets the media route serve outputs and thumbnails only', () => {
    expect(isMediaFileName('output-image.png')).toBe(true)
    expect(isMediaFileName('thumbnail-image.webp')).toBe(true)
    expect(isMediaFileName('input-image-1.jpg')).toBe(true)
    expect(isMediaFileName('input-image-3.png')).toBe(true)
    expect(isMediaFileName('input-image-4.jpg')).toBe(false)
    expect(isMediaFileName('input-image-1.webp')).toBe(false)
    expect(isMediaFileName('metadata.json')).toBe(false)
    expect(isMediaFileName('input.txt')).toBe(false)
  })

  it('builds keys only from valid parts', () => {
    expect(runDocumentKey(RUN, 'metadata.json')).toBe(`runs:${RUN}:metadata.json`)
    expect(runBlobKey(RUN, 'output-image.png')).toBe(`${RUN}/output-image.png`)
    expect(() => runBlobKey('..', 'output-image.png')).toThrow()
    expect(() => runDocumentKey(RUN, '../x.json')).toThrow()
  })
})
