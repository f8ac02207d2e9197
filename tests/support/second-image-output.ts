import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir } from './server'

/**
 * A school's own second image output (NUXT_CONTENT_DIR/outputs), made by the built-in painter
 * in another size: two image outputs a student can choose between, with no backend to fake.
 */
export function contentWithSecondImageOutput(): { env: Record<string, string>, outputId: string } {
  const contentDir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(contentDir, 'outputs'))
  const outputId = 'image_builtin_wide'
  writeFileSync(join(contentDir, 'outputs', `${outputId}.json`), JSON.stringify({
    id: outputId,
    name: { de: 'Breites Bild', en: 'Wide picture', tr: 'Geniş resim', uk: 'Широка картинка' },
    media_type: 'image',
    provider: 'builtin_image',
    needs_english: true,
    hints: { quality: 'good', speed: 'medium', place: 'here' },
    parameters: { width: 640, height: 320 },
  }))
  return { env: { NUXT_CONTENT_DIR: contentDir }, outputId }
}
