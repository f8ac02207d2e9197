import { buffer } from 'node:stream/consumers'
import { createError } from 'h3'
import { blockedMessage } from '#shared/blocked-messages'
import type { RunMetadata } from '#shared/schemas/run'
import { checkSketch } from '../../../media/code/sketch/check-sketch'
import type { SafetyProvider } from '../providers/types'
import type { RunStore } from '../storage/run-store'

/** The student's version of the sketch, next to the generated output in the run folder. */
export const SKETCH_FILE = 'sketch.js'
/** Every saved edit is kept in the prompt history; a run keeps at most this many. */
export const MAX_SKETCH_EDITS = 100

const codeOutput = (run: RunMetadata) => run.outputs.find(output => output.type === 'code') ?? null

async function text(stored: Buffer | NodeJS.ReadableStream): Promise<string> {
  return (Buffer.isBuffer(stored) ? stored : await buffer(stored)).toString('utf8')
}

/** The sketch as the student last saved it, or as it was generated; null when the run has no released sketch. */
export async function currentSketch(runs: RunStore, run: RunMetadata): Promise<{ code: string, edited: boolean } | null> {
  const output = codeOutput(run)
  if (!output) return null
  const edited = run.prompt_history.some(edit => edit.kind === 'code')
  return { code: await text(await runs.readFile(run.run_id, edited ? SKETCH_FILE : output.filename)), edited }
}

/**
 * Saves the student's edit: its comments and strings pass the text check of the run's level first
 * (a refusal keeps the last saved version and says why in the child's words), then the file is
 * written and the edit added to the prompt history.
 */
export async function saveSketch(runs: RunStore, safety: SafetyProvider, run: RunMetadata, code: string): Promise<RunMetadata> {
  if (!codeOutput(run)) throw createError({ statusCode: 409, statusMessage: 'This run has no sketch to edit' })
  if (run.prompt_history.filter(edit => edit.kind === 'code').length >= MAX_SKETCH_EDITS) {
    throw createError({ statusCode: 409, statusMessage: `A sketch keeps at most ${MAX_SKETCH_EDITS} saved versions; start a new run to go on` })
  }
  const verdict = await checkSketch(safety, code, run)
  if (!verdict.safe) {
    throw createError({ statusCode: 422, statusMessage: 'The words in this sketch did not pass the check', data: { reason: 'sketch_blocked', message: blockedMessage(verdict.reason_code) } })
  }
  await runs.putMedia(run.run_id, SKETCH_FILE, Buffer.from(code, 'utf8'), 'text/javascript')
  return runs.update(run.run_id, (latest) => {
    latest.prompt_history.push({ at: new Date().toISOString(), source: 'student', kind: 'code', text: code })
  })
}
