import { defineNitroPlugin, useRuntimeConfig, useStorage } from 'nitropack/runtime'
import { startApp } from '../utils/app-context'
import { loadContentSources } from '../utils/catalog/content-sources'
import { scheduleRetention } from '../utils/retention/retention-schedule'
import { parseSettings, SettingsError } from '../utils/settings'
import { DataDirError } from '../utils/storage/data-dir'
import { DOCUMENT_MOUNTS, documentsLocation } from '../utils/storage/mount-documents'
import { refuseToStart } from '../utils/refuse-to-start'
import { watchdogIntervalMs } from '../utils/pipeline/run-watchdog'
import { installLogRedaction, secretsOf } from '../utils/http/log-redaction'

/** Starts storage, queue and pipeline; refuses to start on a bad data dir or bad settings. */
export default defineNitroPlugin((nitroApp) => {
  let context
  try {
    const config = useRuntimeConfig()
    const settings = parseSettings(config)
    // Before any connection opens: a Redis client logs the password of a failed sign-in.
    installLogRedaction(secretsOf(settings))
    context = startApp(settings, useStorage(), loadContentSources, { version: config.public.appVersion, commit: config.appCommit || null })
    if (context.settings.insecureCookies) console.warn('[auth] NUXT_INSECURE_COOKIES=true: leader session cookies are also sent over plain http')
  }
  catch (error) {
    if (!(error instanceof DataDirError || error instanceof SettingsError)) throw error
    refuseToStart(error.message)
  }
  const { dataDir, queue, settings, index, ready, retention, coordinator } = context
  console.info(`[ai4artsed] data directory: ${dataDir.path}`)
  if (settings.redisUrl) console.info(`[ai4artsed] documents: ${documentsLocation(dataDir.path, settings)}`)
  if (context.runs.blobs.driver !== 'fs') console.info(`[ai4artsed] media: ${context.runs.blobs.location}`)
  // A wrong bucket or key would otherwise show only as missing images, run after run.
  context.runs.blobs.check?.().catch((error: Error) => refuseToStart(error.message))
  queue.check?.().catch((error: Error) => refuseToStart(error.message))
  ready.catch(error => refuseToStart('content could not be loaded or the instance not registered', error))
  // Without Redis every instance works off its own queue: runs of one that died or stopped wait
  // in the data dir for a live one to adopt them (BullMQ hands stalled jobs on by itself).
  let stopAdopting = () => {}
  if (queue.driver === 'memory') {
    const adopting = setInterval(() => {
      ready.then(({ service }) => service.recoverActiveRuns())
        .then(({ requeued, failed }) => {
          if (requeued || failed) console.info(`[runs] adopted from instances that are gone: ${requeued} re-queued, ${failed} failed`)
        })
        .catch(error => console.error('[runs] could not adopt the runs of instances that are gone', error))
    }, settings.stallTimeoutSeconds * 1000).unref()
    stopAdopting = () => clearInterval(adopting)
  }
  // Runs whose end could not be written (a full disk) are failed once past their time limit.
  const watchdog = setInterval(() => {
    ready.then(({ failLostRuns }) => failLostRuns())
      .then((failed) => { if (failed) console.warn(`[runs] ${failed} runs nobody worked on failed after their time limit`) })
      .catch(error => console.error('[runs] the run watchdog failed', error))
  }, watchdogIntervalMs(settings.runTimeoutSeconds * 1000)).unref()
  nitroApp.hooks.hook('close', () => clearInterval(watchdog))
  // Nitro runs its close hooks only after open HTTP connections drained (up to NITRO_SHUTDOWN_TIMEOUT):
  // the queue stops taking jobs at the signal itself, and the close hook waits for the same hand-back.
  let queueClosed: Promise<void> | undefined
  const closeQueue = () => {
    stopAdopting()
    return queueClosed ??= queue.close(settings.shutdownTimeoutSeconds * 1000)
  }
  if (!import.meta.dev) for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, closeQueue)
  nitroApp.hooks.hook('close', closeQueue)
  const stopRetention = scheduleRetention(() => ready.then(() => retention.apply()))
  nitroApp.hooks.hook('close', stopRetention)
  // After the queue: its last runs' changes must reach the index log too.
  nitroApp.hooks.hook('close', () => {
    index.close()
    return index.flush()
  })
  // Redis connections would keep the process alive after the server closed.
  if (settings.redisUrl) nitroApp.hooks.hook('close', () => Promise.all(DOCUMENT_MOUNTS.map(mount => context.storage.unmount(mount, true))).then(() => {}))
  // Last of all: the queue's final writes still take run locks; then this instance leaves the registry.
  nitroApp.hooks.hook('close', () => coordinator.close())
})
