import { STAGE_NAMES } from '#shared/run-status'
import type { RunMetadata } from '#shared/schemas/run'

/** What a row needs besides the run itself, looked up once per session and participant. */
export interface RowContext {
  sessionName: string | null
  participantExportId: string | null
  pseudonym: string | null
  files: string[]
}

export type ExportRow = Record<string, string | number | boolean | null | string[]>

/** Column order of runs.csv and key order of runs.jsonl. */
export const EXPORT_COLUMNS = [
  'run_id', 'created_at', 'session_id', 'session_name', 'participant_export_id', 'participant_pseudonym',
  'perspective', 'output', 'output_type', 'safety_level', 'status', 'hidden',
  'class_gallery_suggested_at', 'class_gallery_published_at',
  ...STAGE_NAMES.flatMap(stage => [`${stage}_duration_ms`, `${stage}_provider`]),
  'input_text', 'input_images', 'rules', 'rules_edit_count', 'rules_changed_at', 'interception_text', 'generation_prompt', 'machine_text', 'prompt_edit_count',
  'reflection_chips', 'reflection_texts', 'files',
] as const

/** One run as a research row: no participant id, join code or cookie value, only the export's pseudonymous id. */
export function exportRow(run: RunMetadata, context: RowContext): ExportRow {
  const row: ExportRow = {
    run_id: run.run_id,
    created_at: run.created_at,
    session_id: run.session_id,
    session_name: context.sessionName,
    participant_export_id: context.participantExportId,
    participant_pseudonym: context.pseudonym,
    perspective: run.perspective,
    output: run.output,
    output_type: run.outputs[0]?.type ?? null,
    safety_level: run.safety_level,
    status: run.status,
    hidden: run.hidden ?? false,
    class_gallery_suggested_at: run.class_gallery?.suggested_at ?? null,
    class_gallery_published_at: run.class_gallery?.published_at ?? null,
  }
  for (const name of STAGE_NAMES) {
    const stage = run.stages.find(record => record.name === name)
    row[`${name}_duration_ms`] = stage?.duration_ms ?? null
    row[`${name}_provider`] = stage?.provider ?? null
  }
  row.input_text = run.input_text
  // The pictures' files in the run folder (in the zip beside metadata.json); runs from before pictures have none.
  row.input_images = (run.input_images ?? []).map(image => image.file)
  // The student's rules the run followed last (null: the perspective's own), how often they were changed and when last.
  const rulesEdits = run.prompt_history.filter(edit => edit.kind === 'rules')
  row.rules = run.rules ?? null
  row.rules_edit_count = rulesEdits.length
  row.rules_changed_at = rulesEdits.at(-1)?.at ?? null
  row.interception_text = run.interception_text
  row.generation_prompt = run.generation_prompt
  row.machine_text = run.machine_text ?? null
  // The first entry is the interception's own text; everything after it is someone's edit.
  row.prompt_edit_count = run.prompt_history.filter(edit => edit.source !== 'interception').length
  // One entry per answer, oldest first, as `question_id: …`; metadata.json keeps each answer's time.
  const reflection = run.reflection ?? []
  row.reflection_chips = reflection.filter(answer => answer.chip).map(answer => `${answer.question_id}: ${answer.chip}`)
  row.reflection_texts = reflection.filter(answer => answer.text).map(answer => `${answer.question_id}: ${answer.text}`)
  row.files = context.files
  return row
}

/**
 * RFC 4180: every field quoted when it holds a quote, comma or line break; CRLF between records.
 * Texts come from students: one starting like a formula (=HYPERLINK(…), +, -, @, tab, CR) would
 * run as one when the CSV opens in a spreadsheet, so it gets a leading `'` (OWASP CSV injection).
 */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}

function csvField(value: unknown): string {
  const raw = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value)
  const text = typeof value === 'number' ? raw : neutraliseFormula(raw)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const FORMULA_START = /^[=+\-@\t\r]/
const neutraliseFormula = (text: string) => FORMULA_START.test(text) ? `'${text}` : text

export const csvHeader = () => csvLine(EXPORT_COLUMNS)
export const csvRow = (row: ExportRow) => csvLine(EXPORT_COLUMNS.map(column => row[column]))
export const jsonlRow = (row: ExportRow) => `${JSON.stringify(row)}\n`
