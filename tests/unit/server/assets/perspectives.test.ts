import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { LANGUAGES } from '#shared/schemas/common'
import { OutputConfig } from '#shared/schemas/output'
import { Perspective } from '#shared/schemas/perspective'
import { loadCatalog } from '../../../../server/utils/catalog/load-catalog'
import type { LoadedCatalog } from '../../../../server/utils/catalog/load-catalog'
import { readCatalogDir } from '../../../../server/utils/catalog/read-catalog-dir'
import { shippedSafety } from '../../../support/shipped-content'

const assetsDir = fileURLToPath(new URL('../../../../server/assets', import.meta.url))

const SHIPPED_PERSPECTIVE_IDS = [
  'analog_photography_1870s', 'analog_photography_1970s', 'analogue_copy', 'bauhaus', 'clichefilter',
  'confucianliterati', 'cooked_negatives', 'digital_photography', 'forceful', 'hunkydoryharmonizer',
  'jugendsprache', 'mad_world', 'one_world', 'overdrive', 'p5js_simplifier', 'piglatin', 'planetarizer',
  'renaissance', 'sensitive', 'stillepost', 'technicaldrawing', 'tellastory', 'theopposite', 'user_defined',
]

// Tiles show the name and description on one card; longer texts wrap badly on an iPad.
const MAX_NAME_LENGTH = 24
const MAX_DESCRIPTION_LENGTH = 90

/** WCAG contrast of a tile colour against the dark tile text. */
function contrastWithDarkText(colour: string): number {
  const channel = (hex: string) => {
    const value = Number.parseInt(hex, 16) / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = (rgb: string) =>
    0.2126 * channel(rgb.slice(1, 3)) + 0.7152 * channel(rgb.slice(3, 5)) + 0.0722 * channel(rgb.slice(5, 7))
  return (luminance(colour) + 0.05) / (luminance('#1a1a1a') + 0.05)
}

describe('shipped perspectives', () => {
  let catalog: LoadedCatalog<Perspective>

  beforeAll(async () => {
    catalog = loadCatalog(Perspective, await readCatalogDir(join(assetsDir, 'perspectives')))
  })

  it('are all valid, with file names matching their ids', () => {
    expect(catalog.problems).toEqual([])
  })

  it('are exactly the 24 shipped ids', () => {
    expect(catalog.items.map(perspective => perspective.id)).toEqual([...SHIPPED_PERSPECTIVE_IDS].sort())
  })

  it('each have a colour of their own that keeps dark tile text readable', () => {
    const colours = catalog.items.map(perspective => perspective.colour.toLowerCase())
    expect(new Set(colours).size).toBe(colours.length)
    for (const perspective of catalog.items) {
      expect(contrastWithDarkText(perspective.colour), perspective.id).toBeGreaterThanOrEqual(7)
    }
  })

  it('have short tile texts and an example in every language', () => {
    for (const perspective of catalog.items) {
      for (const language of LANGUAGES) {
        const where = `${perspective.id} (${language})`
        expect(perspective.name[language], where).toBeTruthy()
        expect(perspective.description[language], where).toBeTruthy()
        expect(perspective.name[language]!.length, where).toBeLessThanOrEqual(MAX_NAME_LENGTH)
        expect(perspective.description[language]!.length, where).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH)
        expect(perspective.example?.input[language], where).toBeTruthy()
        expect(perspective.example?.output[language], where).toBeTruthy()
      }
    }
  })

  it('give the language model a real instruction in German and English (other ideas get the English one)', () => {
    for (const perspective of catalog.items) {
      for (const language of ['de', 'en'] as const) {
        const instruction = perspective.instruction[language]
        const sentences = instruction.split(/[.!?](?:\s|$)/).filter(sentence => sentence.trim()).length
        expect(instruction.length, `${perspective.id} (${language})`).toBeGreaterThan(150)
        expect(sentences, `${perspective.id} (${language})`).toBeGreaterThanOrEqual(3)
      }
    }
  })

  it('show their rules in child language: 3–5 short lines in every language, each passing the kids check', async () => {
    const safety = shippedSafety()
    const problems: string[] = []
    for (const perspective of catalog.items) {
      for (const language of LANGUAGES) {
        const rules = perspective.rules?.[language]
        const where = `${perspective.id} (${language})`
        if (!rules) {
          problems.push(`${where}: no rules`)
          continue
        }
        const lines = rules.split('\n')
        if (lines.length < 3 || lines.length > 5) problems.push(`${where}: ${lines.length} lines`)
        for (const line of lines) if (line.length > 90) problems.push(`${where}: a long line: ${line}`)
        const verdict = await safety.check({ text: rules, level: 'kids', language })
        if (!verdict.safe) problems.push(`${where}: ${verdict.reason_code} ${verdict.matched.join(', ')}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('let only user_defined take the student’s own rules', () => {
    const withStudentRules = catalog.items.filter(perspective => perspective.student_rules)
    expect(withStudentRules.map(perspective => perspective.id)).toEqual(['user_defined'])
  })

  it('offer at least one perspective that defaults to sound', () => {
    expect(catalog.items.some(perspective => perspective.default_output === 'audio')).toBe(true)
  })
})

describe('shipped outputs', () => {
  let catalog: LoadedCatalog<OutputConfig>

  beforeAll(async () => {
    catalog = loadCatalog(OutputConfig, await readCatalogDir(join(assetsDir, 'outputs')))
  })

  it('are valid: built-in image, audio and video outputs as the defaults, real backends (ComfyUI videos among them) as choices', () => {
    expect(catalog.problems).toEqual([])
    expect(catalog.items.map(output => [output.id, output.media_type, output.provider, output.default]).sort()).toEqual([
      ['ace_step_music', 'audio', 'comfyui', false],
      ['audio_builtin', 'audio', 'builtin_audio', true],
      ['code_builtin', 'code', 'builtin_code', true],
      ['flux_kontext_fusion', 'image', 'comfyui', false],
      ['flux_kontext_replicate', 'image', 'replicate', false],
      ['flux_schnell', 'image', 'replicate', false],
      ['gpt_image_1', 'image', 'openai', false],
      ['hunyuan3d_model', 'model', 'comfyui', false],
      ['image_builtin', 'image', 'builtin_image', true],
      ['ltx_video', 'video', 'comfyui', false],
      ['model_builtin', 'model', 'builtin_model', true],
      ['music_builtin', 'audio', 'builtin_song', false],
      ['replicate_music', 'audio', 'replicate', false],
      ['sd35_large', 'image', 'comfyui', false],
      ['sd35_large_img2img', 'image', 'comfyui', false],
      ['video_builtin', 'video', 'builtin_video', true],
      ['wan22_fast_replicate', 'video', 'replicate', false],
      ['wan22_video', 'video', 'comfyui', false],
    ])
  })

  it('each carry the hints a student reads on its card: built-in ones are simple, fast and here, hosted ones in the cloud', () => {
    for (const output of catalog.items) {
      expect(output.hints, output.id).toBeDefined()
      if (output.provider.startsWith('builtin_')) expect(output.hints, output.id).toEqual({ quality: 'simple', speed: 'fast', place: 'here' })
      if (['openai', 'replicate'].includes(output.provider)) expect(output.hints!.place, output.id).toBe('cloud')
    }
  })
})
