import type { OutputConfig } from '#shared/schemas/output'
import { BackendError } from './backends/backend-error'
import type { InputPicture } from './types'

/** The placeholders a workflow or a model input names the run's pictures by, in the student's order. */
export const PICTURE_PLACEHOLDERS = ['image', 'image_2', 'image_3'] as const
export type PicturePlaceholder = typeof PICTURE_PLACEHOLDERS[number]

/** The picture placeholders that stand as a whole string somewhere in `template`, in order. */
export function picturePlaceholdersIn(template: unknown): PicturePlaceholder[] {
  const found = new Set<string>()
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      const name = /^\{\{(\w+)\}\}$/.exec(value)?.[1]
      if (name) found.add(name)
    }
    else if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') Object.values(value).forEach(visit)
  }
  visit(template)
  return PICTURE_PLACEHOLDERS.filter(name => found.has(name))
}

/**
 * The run's pictures this output takes, checked against what it says it takes: none for a run
 * of words; more than `max_pictures`, pictures for a template without a picture placeholder, or
 * none for a template that loads one, is a mistake the leader reads about, never pictures
 * silently dropped nor a placeholder sent as it stands.
 */
export function picturesFor(output: OutputConfig, pictures: readonly InputPicture[] | undefined, used: readonly PicturePlaceholder[], label: string): readonly InputPicture[] {
  const given = pictures ?? []
  if (given.length === 0 && used.length > 0) {
    throw new BackendError('rejected', `${label}: output ${output.id} needs a picture ("{{${used[0]}}}" in its template) and this run has none`)
  }
  if (given.length === 0) return given
  if (given.length > output.max_pictures) {
    throw new BackendError('rejected', `${label}: output ${output.id} takes ${output.max_pictures} picture(s) (max_pictures), the run has ${given.length}`)
  }
  if (used.length === 0) {
    throw new BackendError('rejected', `${label}: output ${output.id} has max_pictures ${output.max_pictures} but no "{{image}}" placeholder where the picture would go`)
  }
  return given
}

/**
 * Which picture each placeholder stands for. A template made for more pictures than the run has
 * takes the run's pictures again in order (one picture fills "{{image}}" and "{{image_2}}"), so a
 * fusion output also transforms a single picture.
 */
export function pictureAssignments<T>(used: readonly PicturePlaceholder[], values: readonly T[]): Record<string, T> {
  if (values.length === 0) return {}
  return Object.fromEntries(used.map(name => [name, values[PICTURE_PLACEHOLDERS.indexOf(name) % values.length]!]))
}
