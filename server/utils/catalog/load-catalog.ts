import type { z } from 'zod'

export interface CatalogSource {
  /** The file's name or path; its name without `.json` must equal the item's id. */
  file: string
  text: string
}

export interface CatalogProblem {
  file: string
  /** Dotted path of the failing field, e.g. `name.de`; empty when the whole file is at fault. */
  field: string
  message: string
}

export interface LoadedCatalog<T> {
  items: T[]
  problems: CatalogProblem[]
}

/**
 * Validates one JSON file per item. A broken file is reported and skipped so the rest still load;
 * a later source with the same id replaces an earlier one, so school files override shipped ones.
 */
export function loadCatalog<T extends { id: string }>(schema: z.ZodType<T>, sources: CatalogSource[]): LoadedCatalog<T> {
  const itemsById = new Map<string, T>()
  const problems: CatalogProblem[] = []

  for (const source of sources) {
    const outcome = parseSource(schema, source)
    if ('problems' in outcome) problems.push(...outcome.problems)
    else itemsById.set(outcome.item.id, outcome.item)
  }

  const items = [...itemsById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { items, problems }
}

function parseSource<T extends { id: string }>(schema: z.ZodType<T>, source: CatalogSource): { item: T } | { problems: CatalogProblem[] } {
  const { file } = source
  let json: unknown
  try {
    // Editors on Windows like to save a byte-order mark, which JSON.parse rejects.
    json = JSON.parse(source.text.replace(/^\uFEFF/, ''))
  }
  catch (error) {
    return { problems: [{ file, field: '', message: `not valid JSON: ${(error as Error).message}` }] }
  }

  const result = schema.safeParse(json)
  if (!result.success) {
    return {
      problems: result.error.issues.map(issue => ({ file, field: issue.path.map(String).join('.'), message: issue.message })),
    }
  }

  const expectedId = fileStem(file)
  if (result.data.id !== expectedId) {
    return { problems: [{ file, field: 'id', message: `id "${result.data.id}" must match the file name "${expectedId}"` }] }
  }
  return { item: result.data }
}

function fileStem(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file
  return name.replace(/\.json$/i, '')
}
