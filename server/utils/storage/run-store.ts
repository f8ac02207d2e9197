import type { Readable } from 'node:stream'
import type { Storage } from 'unstorage'
import { isFinalStatus, RunMetadata } from '#shared/schemas/run'
import { KeyedMutex } from '../keyed-mutex'
import type { BlobStore } from './blob-store'
import { ACTIVE_RUNS_PREFIX, activeRunKey, isRunId, RUN_FILES, runBlobKey, runDocumentKey } from './run-keys'

export type RunUpdate = (run: RunMetadata) => void

/** A media file a run is created with. */
export interface RunFile { file: string, data: Buffer, mime: string }

/** What listeners (the run index) hear after each write: the metadata as stored, or a removal. */
export type RunChange = { type: 'put', run: RunMetadata } | { type: 'delete', runId: string, previous: RunMetadata | null }
export type RunChangeListener = (change: RunChange) => void

/** Cross-process exclusion for one key (the coordinator's `withLock`); by default none, for one process alone. */
export type RunLock = <T>(key: string, work: () => Promise<T>) => Promise<T>

const noLock: RunLock = (_key, work) => work()

const DOCUMENT_FILES: ReadonlySet<string> = new Set(Object.values(RUN_FILES))

/**
 * Runs as folders: metadata.json and the texts through unstorage (`runs:` mount), media through
 * the blob store. Every change to metadata goes through `update`, one at a time per run.
 * Unfinished runs are also listed under `active-runs:`, so a restart finds them without
 * reading every run ever stored. Several processes on one storage take `lock('run:<id>')` around
 * each read-modify-write too.
 */
export class RunStore {
  private mutex = new KeyedMutex()
  private listeners: RunChangeListener[] = []

  constructor(private documents: Storage, readonly blobs: BlobStore, private lock: RunLock = noLock) {}

  /** Called after every metadata write and every removal, in write order per run. */
  onChange(listener: RunChangeListener) {
    this.listeners.push(listener)
  }

  /**
   * Writes a new run with the files it starts with (the student's pictures); a write that fails
   * (a full disk) leaves no half run behind, only the error. Metadata comes last, so a run that
   * exists has all its files.
   */
  async create(run: RunMetadata, files: readonly RunFile[] = []): Promise<void> {
    await this.exclusive(run.run_id, async () => {
      try {
        for (const file of files) await this.blobs.put(runBlobKey(run.run_id, file.file), file.data, { contentType: file.mime })
        await this.documents.setItem(runDocumentKey(run.run_id, RUN_FILES.input), run.input_text)
        await this.writeMetadata(RunMetadata.parse(run))
      }
      catch (error) {
        await this.removeDocuments(run.run_id).catch(() => {})
        if (files.length) await this.blobs.deleteAll(run.run_id).catch(() => {})
        throw error
      }
    })
  }

  /** Runs that were not finished when last written: what a restart must pick up. */
  async activeRunIds(): Promise<string[]> {
    const keys = await this.documents.getKeys(ACTIVE_RUNS_PREFIX)
    return keys.map(key => key.slice(ACTIVE_RUNS_PREFIX.length + 1)).filter(isRunId)
  }

  /** Null for ids that are not ours as well as for runs that do not exist. */
  async get(runId: string): Promise<RunMetadata | null> {
    if (!isRunId(runId)) return null
    const raw = await this.documents.getItemRaw<Buffer>(runDocumentKey(runId, RUN_FILES.metadata))
    if (!raw) return null
    const run = JSON.parse(raw.toString('utf8')) as RunMetadata
    // Runs stored before pictures came in have no input_images: none.
    run.input_images ??= []
    return run
  }

  /** Applies `change` to the newest metadata and writes it back; returns what was written. */
  async update(runId: string, change: RunUpdate): Promise<RunMetadata> {
    return this.exclusive(runId, async () => {
      const current = await this.get(runId)
      if (!current) throw new Error(`Run ${runId} does not exist`)
      const next = structuredClone(current)
      change(next)
      next.updated_at = new Date().toISOString()
      const valid = RunMetadata.parse(next)
      // Plain files beside metadata.json, for researchers who open the folder.
      if (valid.interception_text !== null && valid.interception_text !== current.interception_text) {
        await this.documents.setItem(runDocumentKey(runId, RUN_FILES.interception), valid.interception_text)
      }
      if (valid.prompt_history.length !== current.prompt_history.length) {
        await this.documents.setItem(runDocumentKey(runId, RUN_FILES.promptHistory), `${JSON.stringify(valid.prompt_history, null, 2)}\n`)
      }
      await this.writeMetadata(valid, current)
      return valid
    })
  }

  /** Removes the whole run folder: metadata, texts, media. Returns what was stored, or null. */
  async delete(runId: string): Promise<RunMetadata | null> {
    if (!isRunId(runId)) return null
    return this.exclusive(runId, async () => {
      const previous = await this.get(runId)
      await this.removeDocuments(runId)
      await this.blobs.deleteAll(runId)
      this.emit({ type: 'delete', runId, previous })
      return previous
    })
  }

  async putMedia(runId: string, file: string, data: Buffer | Readable, contentType: string): Promise<void> {
    await this.blobs.put(runBlobKey(runId, file), data, { contentType })
  }

  /** The run's documents and media files; with fs storage both lie in the same folder. */
  async listFiles(runId: string): Promise<string[]> {
    if (!isRunId(runId)) return []
    const documents = await Promise.all(Object.values(RUN_FILES)
      .map(async file => await this.documents.hasItem(runDocumentKey(runId, file)) ? [file] : []))
    return [...new Set([...documents.flat(), ...await this.blobs.list(runId)])].sort()
  }

  /** One file listed by listFiles: a document (metadata, texts) from the document store, media from the blob store. */
  async readFile(runId: string, file: string): Promise<Buffer | Readable> {
    if (!DOCUMENT_FILES.has(file)) return this.blobs.read(runBlobKey(runId, file))
    const raw = await this.documents.getItemRaw<Buffer | string>(runDocumentKey(runId, file))
    if (raw === null || raw === undefined) throw new Error(`${runId}/${file} is not stored`)
    return Buffer.isBuffer(raw) ? raw : Buffer.from(raw)
  }

  /**
   * At start-up: an active-runs entry whose run is final or missing (a crash between two writes)
   * is removed. Under the run's lock, so a run being created right now is never mistaken for missing.
   */
  async forgetIfNotActive(runId: string): Promise<boolean> {
    return this.exclusive(runId, async () => {
      const run = await this.get(runId)
      if (run && !isFinalStatus(run.status)) return false
      await this.documents.removeItem(activeRunKey(runId))
      return true
    })
  }

  private async removeDocuments(runId: string) {
    await this.documents.removeItem(activeRunKey(runId))
    for (const file of Object.values(RUN_FILES)) await this.documents.removeItem(runDocumentKey(runId, file))
  }

  /** In-process first, so writes of one process queue here instead of polling the cross-process lock. */
  private exclusive<T>(runId: string, work: () => Promise<T>): Promise<T> {
    return this.mutex.run(runId, () => this.lock(`run:${runId}`, work))
  }

  private async writeMetadata(run: RunMetadata, previous?: RunMetadata) {
    const wasActive = previous !== undefined && !isFinalStatus(previous.status)
    const isActive = !isFinalStatus(run.status)
    // Listed as active before the metadata says so, unlisted only after it says final:
    // a crash between the two writes leaves an extra entry, never a forgotten run.
    if (isActive && !wasActive) await this.documents.setItem(activeRunKey(run.run_id), run.status)
    await this.documents.setItem(runDocumentKey(run.run_id, RUN_FILES.metadata), `${JSON.stringify(run, null, 2)}\n`)
    if (!isActive && (wasActive || !previous)) await this.documents.removeItem(activeRunKey(run.run_id))
    this.emit({ type: 'put', run })
  }

  private emit(change: RunChange) {
    for (const listener of this.listeners) {
      try {
        listener(change)
      }
      catch (error) {
        console.error('[runs] a change listener failed', error)
      }
    }
  }
}
