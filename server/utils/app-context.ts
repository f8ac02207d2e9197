import { join } from 'node:path'
import type { Storage } from 'unstorage'
import { SafetyTermList } from '#shared/schemas/safety'
import { buildCatalog, type CatalogSources } from './catalog/build-catalog'
import type { Catalog } from './catalog/catalog'
import { type CatalogSource, loadCatalog } from './catalog/load-catalog'
import { type InstanceInfo, describeInstance } from './instance'
import { createRunJobHandler } from './pipeline/run-job-handler'
import { RunService } from './pipeline/run-service'
import { AuditLog } from './audit/audit-log'
import { builtinProviders } from './providers/builtin/builtin-registry'
import { MemoryRunQueue } from './queue/memory-queue'
import type { RunQueue } from './queue/run-queue'
import { RetentionJob } from './retention/retention-job'
import { RetentionSettingsStore } from './retention/retention-settings'
import { listRunsForRetention } from './retention/run-candidates'
import { ParticipantStore } from './sessions/participant-store'
import { SessionStore } from './sessions/session-store'
import type { Settings } from './settings'
import { type DataDir, prepareDataDir } from './storage/data-dir'
import { FsBlobStore } from './storage/fs-blob-store'
import { mountDocuments } from './storage/mount-documents'
import { ParticipantRuns } from './storage/participant-runs'
import { RunStore } from './storage/run-store'

export interface ContentSources extends CatalogSources { safety: CatalogSource[] }

/** The server's parts, wired once at start-up. */
export interface AppContext {
  settings: Settings
  dataDir: DataDir
  instance: InstanceInfo
  runs: RunStore
  participants: ParticipantRuns
  /** Participants' pseudonyms and sessions (the run lists are in `participants`). */
  participantStore: ParticipantStore
  sessions: SessionStore
  audit: AuditLog
  retention: RetentionJob
  /** Unstorage with every document mount, for stores added later. */
  storage: Storage
  queue: RunQueue
  /** Resolves once perspectives, outputs and safety lists are loaded and old runs re-queued. */
  ready: Promise<{ catalog: Catalog, service: RunService }>
}

let current: AppContext | null = null

/**
 * Synchronous on purpose: an unusable data directory must stop the process at start-up, and
 * Nitro does not await plugins. Loading content and recovering runs continue in `ready`.
 */
export function startApp(settings: Settings, storage: Storage, loadContent: (contentDir: string) => Promise<ContentSources>): AppContext {
  const dataDir = prepareDataDir(settings.dataDir)
  mountDocuments(storage, dataDir.path)
  const runs = new RunStore(storage, new FsBlobStore(join(dataDir.path, 'runs')))
  const participants = new ParticipantRuns(storage)
  const participantStore = new ParticipantStore(storage)
  const sessions = new SessionStore(storage)
  const audit = new AuditLog(storage)
  const retention = new RetentionJob({
    runs, participants, sessions, audit, settings: new RetentionSettingsStore(storage),
    candidates: before => listRunsForRetention(runs, join(dataDir.path, 'runs'), before),
  })
  const queue = new MemoryRunQueue(settings.queueConcurrency)
  const instance = describeInstance()
  const ready = (async () => {
    const content = await loadContent(settings.contentDir || join(dataDir.path, 'content'))
    const safety = loadCatalog(SafetyTermList, content.safety)
    const providers = builtinProviders(safety.items)
    const catalog = buildCatalog(content, new Set(providers.generators.keys()))
    for (const problem of [...safety.problems, ...catalog.problems]) {
      console.warn(`[content] ${problem.file}: ${problem.field}: ${problem.message}`)
    }
    const deps = {
      runs, catalog, providers, instanceId: instance.id,
      runTimeoutMs: settings.runTimeoutSeconds * 1000, maxRunAttempts: settings.maxRunAttempts,
    }
    await sessions.ensureStudio(settings.safetyLevel)
    const service = new RunService({ ...deps, queue, participants, sessions, defaultLanguage: settings.defaultLanguage })
    queue.start(createRunJobHandler(deps))
    const recovered = await service.recoverActiveRuns()
    if (recovered.requeued || recovered.failed) console.info(`[runs] after restart: ${recovered.requeued} re-queued, ${recovered.failed} failed`)
    return { catalog, service }
  })()
  current = { settings, dataDir, instance, runs, participants, participantStore, sessions, audit, retention, storage, queue, ready }
  return current
}

export function useAppContext(): AppContext {
  if (!current) throw new Error('The app has not started: the app plugin did not run')
  return current
}

/** For routes: the context once content is loaded. */
export async function useReadyApp() {
  const context = useAppContext()
  return { ...context, ...(await context.ready) }
}
