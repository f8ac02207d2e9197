import { join } from 'node:path'
import type { Storage } from 'unstorage'
import { PersonalDataList } from '#shared/schemas/personal-data'
import { SafetyTermList } from '#shared/schemas/safety'
import { buildCatalog, type CatalogSources } from './catalog/build-catalog'
import type { Catalog } from './catalog/catalog'
import { type CatalogSource, loadCatalog } from './catalog/load-catalog'
import { type InstanceInfo, describeInstance } from './instance'
import type { Coordinator, InstanceRecord } from './cluster/coordinator'
import { createCoordinator } from './cluster/create-coordinator'
import { buildInstanceRecord } from './cluster/instance-record'
import { createRunJobHandler } from './pipeline/run-job-handler'
import { RunService } from './pipeline/run-service'
import { failLostRuns as failLostRunsOf } from './pipeline/run-watchdog'
import { removeAbandonedTempFiles } from './storage/abandoned-temp-files'
import { AuditLog } from './audit/audit-log'
import { createFirstLeader } from './auth/first-leader'
import { LeaderStore } from './auth/leader-store'
import { LoginLimiter } from './auth/login-limiter'
import { LeaderSessions } from './auth/leader-sessions'
import { ExportProgressTracker } from './export/export-progress'
import { scryptHasher } from './auth/password-hasher'
import { BackendGate } from './providers/backends/backend-gate'
import { builtinProviders } from './providers/builtin/builtin-registry'
import { GatedGenerator, LiveProviders } from './providers/live-registry'
import { ProviderSettingsStore } from './providers/provider-settings-store'
import { BullRunQueue } from './queue/bullmq-queue'
import { MemoryRunQueue } from './queue/memory-queue'
import type { RunQueue } from './queue/run-queue'
import { RetentionJob } from './retention/retention-job'
import { RetentionSettingsStore } from './retention/retention-settings'
import { ParticipantStore } from './sessions/participant-store'
import { SessionStore } from './sessions/session-store'
import type { Settings } from './settings'
import { type DataDir, prepareDataDir } from './storage/data-dir'
import { blobStoreFromSettings } from './storage/blob-store-from-settings'
import { mountDocuments } from './storage/mount-documents'
import { resolveStorageId } from './storage/storage-id'
import { ParticipantRuns } from './storage/participant-runs'
import { RunStore } from './storage/run-store'
import { RunIndex } from './run-index/run-index'
import { PersonalDataDetector } from './safety/personal-data/personal-data-detector'
import { createImageCheck } from './safety/image-check/create-image-check'
import { RunHotPaths } from './media/run-hot-paths'
import { BytesLru } from './media/bytes-lru'
import { SizedThumbnails } from './media/sized-thumbnail'
import { PublicAddressCheck } from './cluster/conflicts'
import { AddressLimiter, addressLimitsFrom } from './limits/address-limiter'
import { DiskGuard } from './storage/disk-guard'
import { UploadStore } from './uploads/upload-store'
import { ParticipantUploadLimit } from './limits/participant-upload-limit'
import { FaceApiDetector } from './safety/faces/face-api-detector'
import type { FaceDetector } from './safety/faces/face-detector'
import type { ImageCheck } from './safety/image-check/check-image'

/** Small media by version (serve-run-media.ts): a whole school's thumbnails, about 8,000 of 4 KB. */
const SMALL_MEDIA_CACHE_BYTES = 32 * 1024 * 1024

export interface ContentSources extends CatalogSources { safety: CatalogSource[], personal_data: CatalogSource[] }

/** The server's parts, wired once at start-up. */
export interface AppContext {
  settings: Settings
  dataDir: DataDir
  /**
   * Where this instance stores, as the registry and /api/health report it. Its id is shared by every
   * instance on the same storage (storage-id.ts); until `ready` it may still be the data dir's own.
   */
  describeStorage: () => InstanceRecord['storage']
  instance: InstanceInfo
  runs: RunStore
  participants: ParticipantRuns
  /** Participants' pseudonyms and sessions (the run lists are in `participants`). */
  participantStore: ParticipantStore
  sessions: SessionStore
  audit: AuditLog
  /** Course leader accounts. */
  leaders: LeaderStore
  /** Failed sign-ins per address and name (shared by every instance with Redis). */
  loginLimiter: LoginLimiter
  /** Leader sign-ins, each a record the server can end (leader-sessions.ts). */
  leaderSessions: LeaderSessions
  /** Joins, wrong join codes and new runs per client address (shared by every instance with Redis). */
  addressLimiter: AddressLimiter
  /** Pictures one participant may upload per hour. */
  uploadLimit: ParticipantUploadLimit
  /** Refuses new runs when the data dir's disk is almost full. */
  diskGuard: DiskGuard
  /** Progress of ZIP exports, readable on any instance with Redis. */
  exports: ExportProgressTracker
  /** Deletes runs past their session's or the global retention, on a schedule or when a leader asks. */
  retention: RetentionJob
  /** Pictures students uploaded, re-encoded, until a run uses them or they expire. */
  uploads: UploadStore
  /** Unstorage with every document mount, for stores added later. */
  storage: Storage
  queue: RunQueue
  /** Registry of live instances, cross-process locks and (Redis) other instances' run changes. */
  coordinator: Coordinator
  /** Every run's summary, for the leader's lists, filters, export and retention; await `index.ready` before querying. */
  index: RunIndex
  /** Media requests and status polls of a student's own runs, answered from memory where it can vouch. */
  hotPaths: RunHotPaths
  sizedThumbnails: SizedThumbnails
  /** Small media files (thumbnails) by version, answered from memory (serve-run-media.ts). */
  smallMedia: BytesLru
  /** Asks the public address (NUXT_PUBLIC_URL) who answers there; null without one. Started by the storage-conflicts plugin. */
  publicAddress: PublicAddressCheck | null
  /** Resolves once perspectives, outputs and safety lists are loaded and old runs re-queued. */
  ready: Promise<{
    catalog: Catalog, service: RunService, providers: LiveProviders, failLostRuns: () => Promise<number>
    /** The picture check and the face finder, for uploads too. */
    imageCheck: ImageCheck, faceDetector: FaceDetector
    /** Names and addresses in a reflection answer, before it goes to a text check outside. */
    personalData: PersonalDataDetector
  }>
}

let current: AppContext | null = null

/**
 * Synchronous on purpose: an unusable data directory must stop the process at start-up, and
 * Nitro does not await plugins. Loading content and recovering runs continue in `ready`.
 */
export function startApp(
  settings: Settings, storage: Storage, loadContent: (contentDir: string) => Promise<ContentSources>,
  release: { version: string, commit: string | null } = { version: 'dev', commit: null },
): AppContext {
  const dataDir = prepareDataDir(settings.dataDir)
  mountDocuments(storage, dataDir.path, settings)
  const coordinator = createCoordinator(settings, dataDir.path)
  const { expiring } = coordinator
  const runs = new RunStore(storage, blobStoreFromSettings(settings, dataDir.path), (key, work) => coordinator.withLock(key, work))
  const participants = new ParticipantRuns(storage)
  const uploads = new UploadStore(storage, blobStoreFromSettings(settings, dataDir.path, 'uploads'))
  const participantStore = new ParticipantStore(storage)
  const sessions = new SessionStore(storage)
  const audit = new AuditLog(storage)
  const leaders = new LeaderStore(storage, scryptHasher)
  const leaderSessions = new LeaderSessions(storage, { maxAgeMs: settings.leaderSessionSeconds * 1000, idleMs: settings.leaderIdleSeconds * 1000 })
  // With documents in Redis there is no shared file to follow: the index is built from the run documents.
  const index = new RunIndex(settings.redisUrl
    ? { documents: storage, runs }
    : { file: join(dataDir.path, 'index', 'runs.jsonl'), runsDir: join(dataDir.path, 'runs') }, {
    tryLock: (key, ttlMs, work) => coordinator.tryLock(key, ttlMs, work),
    onRemoteRunChange: listener => coordinator.onRemoteRunChange(listener),
  })
  runs.onChange(change => index.apply(change))
  runs.onChange((change) => {
    const runId = change.type === 'put' ? change.run.run_id : change.runId
    coordinator.publishRunChange({ type: change.type, runId }).catch(error => console.error('[cluster] could not publish a run change', error))
  })
  const retention = new RetentionJob({
    runs, participants, sessions, audit, uploads, settings: new RetentionSettingsStore(storage),
    // The index knows every run's age, so the hourly check reads no run folders.
    candidates: async function* (before) {
      await index.ready
      yield* index.olderThan(before, null)
    },
    tryLock: (key, ttlMs, work) => coordinator.tryLock(key, ttlMs, work),
  })
  const queue = settings.redisUrl
    ? new BullRunQueue({
        redisUrl: settings.redisUrl, prefix: settings.redisPrefix, concurrency: settings.queueConcurrency,
        stallTimeoutSeconds: settings.stallTimeoutSeconds, maxStalledCount: settings.maxRunAttempts,
      })
    : new MemoryRunQueue(settings.queueConcurrency)
  const instance = describeInstance(settings.devPort)
  // The data dir's id until the shared one (in the bucket, with documents in Redis) is known.
  let knownStorageId = dataDir.storageId
  const describeStorage = () => ({ driver: runs.blobs.driver, location: runs.blobs.location, data_dir: dataDir.path, id: knownStorageId })
  const publicAddress = settings.publicUrl
    ? new PublicAddressCheck({ publicUrl: settings.publicUrl, healthToken: settings.healthToken, self: () => ({ ...instance, storage: describeStorage() }) })
    : null
  const ready = (async () => {
    knownStorageId = await resolveStorageId(settings, dataDir, runs.blobs)
    console.info(`[ai4artsed] storage id ${knownStorageId}`)
    const contentDir = settings.contentDir || join(dataDir.path, 'content')
    const content = await loadContent(contentDir)
    const faceDetector = createFaceDetector()
    const safety = loadCatalog(SafetyTermList, content.safety)
    const personalDataLists = loadCatalog(PersonalDataList, content.personal_data)
    const builtin = builtinProviders(safety.items)
    const builtinGate = new BackendGate(settings.builtinConcurrency)
    for (const [id, generator] of builtin.generators) builtin.generators.set(id, new GatedGenerator(generator, builtinGate))
    const providerSettings = new ProviderSettingsStore(storage, settings.providers, join(dataDir.path, 'settings', 'providers.json'))
    let catalog: Catalog | null = null
    const live = new LiveProviders({ store: providerSettings, builtin, audit, outputs: () => catalog?.outputs ?? [] })
    catalog = buildCatalog(content, { available: output => live.isAvailable(output), preferred: type => live.preferredOutput(type) })
    await live.load()
    for (const output of catalog.outputs) {
      if (!live.isAvailable(output)) console.warn(`[content] ${output.id}.json: provider: no provider "${output.provider}" is configured, so students are not offered it`)
    }
    const providers = live.registry
    const imageCheck = await createImageCheck({ contentDir, modelDir: settings.imageCheckModelDir, visionModel: () => providers.imageSafety })
    for (const problem of [...safety.problems, ...personalDataLists.problems, ...catalog.problems]) {
      console.warn(`[content] ${problem.file}: ${problem.field}: ${problem.message}`)
    }
    const deps = {
      runs, catalog, providers, personalData: new PersonalDataDetector(personalDataLists.items), imageCheck, instanceId: instance.id,
      runTimeoutMs: settings.runTimeoutSeconds * 1000, maxRunAttempts: settings.maxRunAttempts,
    }
    await sessions.ensureStudio(settings.safetyLevel, { runs_per_hour: settings.studioRunsPerHour, runs_in_progress: settings.studioRunsInProgress })
    await createFirstLeader(leaders, settings.adminPassword)
    const service = new RunService({
      ...deps, queue, participants, sessions, uploads, defaultLanguage: settings.defaultLanguage,
      isInstanceAlive: id => coordinator.isAlive(id),
      withLock: (key, work) => coordinator.withLock(key, work),
    })
    // In the registry before taking jobs: others starting now must see whose runs are whose.
    await coordinator.start(buildInstanceRecord({
      instance, release, publicUrl: settings.publicUrl, queueDriver: queue.driver, redisUrl: settings.redisUrl,
      storage: describeStorage(),
    })).catch((error: Error) => {
      throw new Error(`could not register this instance with the ${coordinator.driver} coordinator: ${error.message}`)
    })
    const inFlight = new Set<string>()
    queue.start(createRunJobHandler(deps, inFlight))
    const recovered = await service.recoverActiveRuns()
    if (recovered.requeued || recovered.failed) console.info(`[runs] after restart: ${recovered.requeued} re-queued, ${recovered.failed} failed`)
    if (recovered.elsewhere) console.info(`[runs] ${recovered.elsewhere} unfinished runs belong to other live instances; left to them`)
    removeAbandonedTempFiles(dataDir.path)
      .then((removed) => { if (removed) console.info(`[storage] removed ${removed} temp files of writes that were killed`) })
      .catch(error => console.error('[storage] could not look for temp files of killed writes', error))
    const failLostRuns = () => failLostRunsOf({ runs, queue, inFlight, instanceId: instance.id, runTimeoutMs: deps.runTimeoutMs })
    return { catalog, service, providers: live, failLostRuns, imageCheck, faceDetector, personalData: deps.personalData }
  })()
  current = {
    settings, dataDir, describeStorage, instance, runs, participants, uploads, participantStore, sessions, audit, leaders, leaderSessions, retention, storage, queue, coordinator, index, publicAddress, ready,
    loginLimiter: new LoginLimiter(expiring),
    addressLimiter: new AddressLimiter(expiring, addressLimitsFrom(settings)),
    uploadLimit: new ParticipantUploadLimit(expiring, settings.limitUploadsPerParticipant),
    diskGuard: new DiskGuard(dataDir.path, { minFreeMb: settings.minFreeDiskMb, minFreePercent: settings.minFreeDiskPercent }), exports: new ExportProgressTracker(expiring),
    hotPaths: new RunHotPaths(index, runs.blobs),
    sizedThumbnails: new SizedThumbnails(runs.blobs),
    smallMedia: new BytesLru(SMALL_MEDIA_CACHE_BYTES),
  }
  return current
}

/** Starts loading at start-up, like the picture check's model, so the first upload does not wait for it. */
function createFaceDetector(): FaceDetector {
  const detector = new FaceApiDetector()
  const started = Date.now()
  detector.load().then(
    () => console.info(`[faces] ${detector.id} ${detector.model} loaded in ${Date.now() - started} ms`),
    (error: Error) => console.error(`[faces] ${error.message}; uploads at kids and youth are refused until it loads`),
  )
  return detector
}

export function useAppContext(): AppContext {
  if (!current) throw new Error('The app has not started: the app plugin did not run')
  return current
}

type ReadyApp = AppContext & Awaited<AppContext['ready']>
let readyApp: { context: AppContext, merged: ReadyApp } | null = null

/** For routes: the context once content is loaded (merged once per context: every media request asks). */
export async function useReadyApp(): Promise<ReadyApp> {
  const context = useAppContext()
  if (readyApp?.context === context) return readyApp.merged
  const merged = { ...context, ...(await context.ready) }
  if (useAppContext() === context) readyApp = { context, merged }
  return merged
}
