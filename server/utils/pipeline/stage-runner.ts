import { type RunError, STAGE_NAMES, type StageName, type StageRecord } from '#shared/schemas/run'
import type { ProviderIdentity } from '../providers/types'
import type { RunStore } from '../storage/run-store'

/** A stage failed in a way the run records as its error. */
export class StageFailure extends Error {
  constructor(readonly runError: RunError) {
    super(runError.message)
  }
}

/** The run's record of a stage; a run stored before the stage existed gets it, in pipeline order. */
export function stageRecord(stages: StageRecord[], name: StageName): StageRecord {
  const record = stages.find(stage => stage.name === name)
  if (record) return record
  const added = pendingStage(name)
  const order = (stage: StageRecord) => STAGE_NAMES.indexOf(stage.name)
  const before = stages.findIndex(stage => order(stage) > order(added))
  stages.splice(before < 0 ? stages.length : before, 0, added)
  return added
}

export function pendingStage(name: StageName): StageRecord {
  return { name, status: 'pending', provider: null, model: null, started_at: null, finished_at: null, duration_ms: null, error: null }
}

/**
 * Runs one stage's work and records it in the metadata: provider, model, start, end, duration,
 * and the error if it throws. `describe` adds what the stage produced for research.
 */
export async function runStage<T>(
  runs: RunStore,
  runId: string,
  name: StageName,
  provider: ProviderIdentity,
  work: () => Promise<T>,
  toError: (error: unknown) => RunError,
  describe?: (result: T) => Record<string, unknown>,
): Promise<T> {
  const started = Date.now()
  await runs.update(runId, (run) => {
    run.status = 'running'
    run.stage = name
    Object.assign(stageRecord(run.stages, name), {
      status: 'running', provider: provider.id, model: provider.model,
      started_at: new Date(started).toISOString(), finished_at: null, duration_ms: null, error: null,
    })
  })
  let result: T
  try {
    result = await work()
  }
  catch (error) {
    const runError = toError(error)
    await runs.update(runId, (run) => {
      Object.assign(stageRecord(run.stages, name), finished(started, 'failed'), { error: runError.message })
    })
    throw new StageFailure(runError)
  }
  await runs.update(runId, (run) => {
    Object.assign(stageRecord(run.stages, name), finished(started, 'done'), describe ? { detail: describe(result) } : {})
  })
  return result
}

function finished(started: number, status: StageRecord['status']) {
  const now = Date.now()
  return { status, finished_at: new Date(now).toISOString(), duration_ms: now - started }
}
