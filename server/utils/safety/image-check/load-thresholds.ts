import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ImageThresholds, SchoolImageThresholds } from '#shared/schemas/image-check'
import shipped from './thresholds.json'

export const SHIPPED_THRESHOLDS: ImageThresholds = ImageThresholds.parse(shipped)

/** The shipped limits, with the levels a school's `image_check/thresholds.json` names replaced. */
export async function loadImageThresholds(contentDir: string): Promise<{ thresholds: ImageThresholds, problems: string[] }> {
  const file = join(contentDir, 'image_check', 'thresholds.json')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { thresholds: SHIPPED_THRESHOLDS, problems: [] }
    return { thresholds: SHIPPED_THRESHOLDS, problems: [`${file}: could not be read (${(error as Error).message}); the shipped limits apply`] }
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  }
  catch (error) {
    return { thresholds: SHIPPED_THRESHOLDS, problems: [`${file}: not valid JSON (${(error as Error).message}); the shipped limits apply`] }
  }
  const parsed = SchoolImageThresholds.safeParse(json)
  if (!parsed.success) {
    const why = parsed.error.issues.map(issue => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ')
    return { thresholds: SHIPPED_THRESHOLDS, problems: [`${file}: ${why}; the shipped limits apply`] }
  }
  return { thresholds: { ...SHIPPED_THRESHOLDS, ...parsed.data }, problems: [] }
}
