import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { once } from 'node:events'
import type ZipStream from 'zip-stream'
import type { ZipEntryData } from 'zip-stream'
import type { RunMetadata } from '#shared/schemas/run'
import type { ParticipantStore } from '../sessions/participant-store'
import type { SessionStore } from '../sessions/session-store'
import type { RunStore } from '../storage/run-store'
import { RUN_FILES } from '../storage/run-keys'
import { participantExportIds } from './export-id'
import type { ExportProgress } from '#shared/admin-views'
import { csvHeader, csvRow, exportRow, jsonlRow } from './export-rows'
import type { RunSelection } from './run-selection'

export interface ExportStores {
  runs: RunStore
  sessions: SessionStore
  participantStore: ParticipantStore
}

/** Texts shrink well; media (PNG, WebP, MP3, ...) is compressed already and is stored as is. */
const DEFLATED = /\.(json|jsonl|txt|csv|svg|md)$/

/** Excel reads a CSV as UTF-8 (umlauts) only with a byte order mark. */
const UTF8_BOM = '\uFEFF'

/**
 * Writes `runs/<run_id>/<file>` for every selected run, then runs.csv and runs.jsonl, into `zip`.
 * One file at a time, each awaited until the ZIP has taken it, and the ZIP is piped to the client,
 * so a slow download slows the reading instead of filling memory. The CSV and JSONL rows go to
 * temp files while the runs stream and are added last.
 */
export async function writeExport(stores: ExportStores, selection: RunSelection, zip: ZipStream, progress: ExportProgress, signal: AbortSignal) {
  const tempDir = await mkdtemp(join(tmpdir(), 'ai4artsed-export-'))
  const csvPath = join(tempDir, 'runs.csv')
  const jsonlPath = join(tempDir, 'runs.jsonl')
  const csv = createWriteStream(csvPath)
  const jsonl = createWriteStream(jsonlPath)
  try {
    await writeText(csv, UTF8_BOM + csvHeader())
    const describe = rowDescriber(stores)
    for await (const runId of selection.ids()) {
      signal.throwIfAborted()
      const run = await stores.runs.get(runId)
      if (run) {
        const files = await stores.runs.listFiles(runId)
        const exportParticipantId = describe.participantExportId(run.participant_id)
        for (const file of files) {
          const source = file === RUN_FILES.metadata
            ? pseudonymisedMetadata(run, exportParticipantId)
            : await stores.runs.readFile(runId, file)
          await addEntry(zip, source, { name: `runs/${runId}/${file}`, date: run.updated_at, store: !DEFLATED.test(file) }, signal)
        }
        const row = exportRow(run, await describe.context(run, exportParticipantId, files))
        await writeText(csv, csvRow(row))
        await writeText(jsonl, jsonlRow(row))
      }
      progress.runs_done++
      progress.bytes = zip.getBytesWritten()
    }
    await Promise.all([closeFile(csv), closeFile(jsonl)])
    const now = new Date()
    await addEntry(zip, createReadStream(csvPath), { name: 'runs.csv', date: now }, signal)
    await addEntry(zip, createReadStream(jsonlPath), { name: 'runs.jsonl', date: now }, signal)
    zip.finalize()
  }
  finally {
    csv.destroy()
    jsonl.destroy()
    await rm(tempDir, { recursive: true, force: true })
  }
}

/** metadata.json as stored, formatted as the run store writes it, with the cookie value replaced. */
function pseudonymisedMetadata(run: RunMetadata, exportParticipantId: string | null): Buffer {
  return Buffer.from(`${JSON.stringify({ ...run, participant_id: exportParticipantId }, null, 2)}\n`)
}

/** Session names and pseudonyms, looked up once per session and participant of the export. */
function rowDescriber(stores: ExportStores) {
  const sessionNames = new Map<string, string | null>()
  const pseudonyms = new Map<string, string | null>()
  const exportIdOf = participantExportIds()
  return {
    participantExportId: exportIdOf,
    async context(run: RunMetadata, participantExportId: string | null, files: string[]) {
      if (!sessionNames.has(run.session_id)) sessionNames.set(run.session_id, (await stores.sessions.get(run.session_id))?.name ?? null)
      const participantId = run.participant_id
      if (participantId !== null && !pseudonyms.has(participantId)) {
        pseudonyms.set(participantId, (await stores.participantStore.get(participantId))?.pseudonym ?? null)
      }
      return {
        sessionName: sessionNames.get(run.session_id) ?? null,
        participantExportId,
        pseudonym: participantId === null ? null : pseudonyms.get(participantId) ?? null,
        files,
      }
    },
  }
}

/** Resolves once the ZIP has consumed the whole entry; rejects as soon as the download is abandoned. */
function addEntry(zip: ZipStream, source: Buffer | Readable, data: ZipEntryData, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abandon = () => {
      if (!Buffer.isBuffer(source)) source.destroy()
      reject(signal.reason)
    }
    if (signal.aborted) return abandon()
    signal.addEventListener('abort', abandon, { once: true })
    zip.entry(source, data, (error) => {
      signal.removeEventListener('abort', abandon)
      if (error) reject(error)
      else resolve()
    })
  })
}

async function writeText(file: WriteStream, text: string) {
  if (!file.write(text)) await once(file, 'drain')
}

async function closeFile(file: WriteStream) {
  file.end()
  await once(file, 'finish')
}
