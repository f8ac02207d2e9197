import { describe, expect, it } from 'vitest'
import { OutputConfig } from '#shared/schemas/output'
import { pictureAssignments, picturePlaceholdersIn, picturesFor } from '../../../../../server/utils/providers/picture-placeholders'
import type { InputPicture } from '../../../../../server/utils/providers/types'

const picture = (index: number): InputPicture => ({ file: `input-image-${index}.jpg`, mime: 'image/jpeg', width: 8, height: 8, data: Buffer.from([index]) })
const output = (max_pictures: number) => OutputConfig.parse({ id: 'o', name: { de: 'o', en: 'o' }, media_type: 'image', provider: 'comfyui', max_pictures })

describe('picture placeholders', () => {
  it('finds whole-string placeholders however deep, in the student\'s order, and nothing else', () => {
    expect(picturePlaceholdersIn({ a: { inputs: { image: '{{image_3}}' } }, b: ['{{image}}'], c: 'see {{image_2}}', d: '{{prompt}}' })).toEqual(['image', 'image_3'])
    expect(picturePlaceholdersIn({ prompt: '{{prompt}}' })).toEqual([])
  })

  it('takes the pictures in order and again from the first for a template made for more', () => {
    expect(pictureAssignments(['image', 'image_2', 'image_3'], ['a', 'b'])).toEqual({ image: 'a', image_2: 'b', image_3: 'a' })
    expect(pictureAssignments(['image', 'image_2'], ['a'])).toEqual({ image: 'a', image_2: 'a' })
    expect(pictureAssignments(['image'], [])).toEqual({})
  })

  it('lets a run of words through and refuses pictures an output does not take', () => {
    expect(picturesFor(output(0), undefined, [], 'x')).toEqual([])
    expect(picturesFor(output(2), [picture(1)], ['image'], 'x')).toHaveLength(1)
    expect(() => picturesFor(output(0), [picture(1)], ['image'], 'x')).toThrow(/takes 0 picture\(s\) \(max_pictures\), the run has 1/)
    expect(() => picturesFor(output(1), [picture(1)], [], 'x')).toThrow(/no "\{\{image\}\}" placeholder/)
    expect(() => picturesFor(output(2), [], ['image', 'image_2'], 'x')).toThrow(/output o needs a picture \("\{\{image\}\}" in its template\) and this run has none/)
  })
})
