/**
 * The one authority for run ids, run file names and the storage keys built from them.
 * Nothing else concatenates paths or keys for runs, so nothing else can be tricked into
 * leaving a run folder.
 */

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
/** Our own file names: lower-case words, one dot before the extension. No separators, no dot files. */
const RUN_FILE_NAME = /^[a-z0-9][a-z0-9_-]{0,80}\.[a-z0-9]{1,8}$/

/** What the media route may serve: generated outputs, their thumbnails and the student's pictures, nothing else. */
const MEDIA_FILE_NAME = /^((output|thumbnail)-[a-z0-9_-]{1,60}\.[a-z0-9]{1,8}|input-image-[1-3]\.(jpg|png))$/

export const isRunId = (value: string) => RUN_ID.test(value)
export const isRunFileName = (value: string) => RUN_FILE_NAME.test(value)
export const isMediaFileName = (value: string) => MEDIA_FILE_NAME.test(value)

export const RUN_FILES = {
  metadata: 'metadata.json',
  input: 'input.txt',
  interception: 'interception.txt',
  promptHistory: 'prompt-history.json',
} as const

export const outputFileName = (type: string, extension: string) => `output-${type}.${extension}`
export const thumbnailFileName = (type: string) => `thumbnail-${type}.webp`
/** The student's n-th picture (from 1) as the run keeps it. */
export const inputImageFileName = (position: number, mime: 'image/jpeg' | 'image/png') => `input-image-${position}.${mime === 'image/png' ? 'png' : 'jpg'}`

/** unstorage key of a JSON or text file of a run, under the `runs` mount. */
export function runDocumentKey(runId: string, file: string): string {
  assertRunFile(runId, file)
  return `runs:${runId}:${file}`
}

export const ACTIVE_RUNS_PREFIX = 'active-runs'

/** unstorage key that lists a run as unfinished. */
export function activeRunKey(runId: string): string {
  if (!isRunId(runId)) throw new Error(`Not a run id: ${JSON.stringify(runId)}`)
  return `${ACTIVE_RUNS_PREFIX}:${runId}`
}

/** Blob-store key of a media file of a run. */
export function runBlobKey(runId: string, file: string): string {
  assertRunFile(runId, file)
  return `${runId}/${file}`
}

function assertRunFile(runId: string, file: string) {
  if (!isRunId(runId)) throw new Error(`Not a run id: ${JSON.stringify(runId)}`)
  if (!isRunFileName(file)) throw new Error(`Not a run file name: ${JSON.stringify(file)}`)
}
