/**
 * Pipeline overhead: BENCH_RUNS (200) image runs through the built server with default settings
 * (NUXT_QUEUE_CONCURRENCY=2), submitted as a sliding window of BENCH_WINDOW (2) runs: a new run
 * is created as soon as one ends, so the queue is always busy but runs do not pile up in it.
 * Each run names its output, so one job runs all four stages.
 *
 * Every number comes from the run's metadata.json in the data dir, i.e. the server's own clock:
 *   created    = created_at (set when POST /api/runs builds the run, before it is stored)
 *   completed  = updated_at of the final metadata, the write that set status=completed;
 *                nothing writes a run after that (generation.finished_at is a few ms earlier)
 *   wall                  = completed − created
 *   stage time            = Σ duration_ms of the four stages. A stage's duration is its
 *                           provider work AND our storage work inside it: the write that marks
 *                           the stage running, writing output and thumbnail (fsync'd) and making
 *                           the thumbnail in generation. Provider time alone is not recorded.
 *   outside stages        = wall − stage time: everything the pipeline does between stages,
 *       = queue wait          created → input_safety.started_at: storing the new run, waiting in
 *                             the queue, the job's start (read, attempts write)
 *       + between stages      the rest: the write that closes each stage, the re-reads and text
 *                             writes between stages, the final status=completed write
 *   wall − generation     = what the run costs besides making the picture (stages 1–3 included)
 * Prints p50/p99/max of each over the completed runs. The client polls each run's status every
 * 100 ms with If-None-Match (as an iPad does) only to know when to submit the next run.
 * Env: BENCH_RUNS (200), BENCH_WINDOW (2), BENCH_DEADLINE_SECONDS (900).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { log, markdownTable, percentile } from './lib/load.mjs'
import { createRun, waitForRunEnd } from './lib/runs.mjs'
import { startAppServer } from './lib/server.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const WINDOW = Number(process.env.BENCH_WINDOW ?? 2)
const DEADLINE = Date.now() + Number(process.env.BENCH_DEADLINE_SECONDS ?? 900) * 1000

const PERSPECTIVES = ['bauhaus', 'renaissance', 'planetarizer', 'tellastory', 'technicaldrawing', 'one_world', 'piglatin', 'analog_photography_1970s']
const IDEAS = ['Ein rotes Haus am Meer', 'A cat sleeping under a big tree', 'Drei Vögel fliegen über einen Berg',
  'A lighthouse at night with stars', 'Ein Garten mit Blumen und einer Katze', 'Two children building a sand castle']

const app = await startAppServer()
try {
  log(`app ${app.url} (pid ${app.pid}), data dir ${app.dataDir}; ${RUNS} runs, window ${WINDOW}`)
  const started = Date.now()
  let next = 0
  const runIds = []
  const submitUntilDone = async () => {
    while (next < RUNS) {
      if (Date.now() > DEADLINE) throw new Error('BENCH_DEADLINE_SECONDS passed before all runs ended')
      const index = next++
      const runId = await createRun(app.url, {
        perspective: PERSPECTIVES[index % PERSPECTIVES.length], input_text: IDEAS[index % IDEAS.length], output: 'image_builtin', seed: index,
      })
      runIds.push(runId)
      await waitForRunEnd(app.url, runId, { timeoutMs: Math.max(1000, DEADLINE - Date.now()) })
      if ((index + 1) % 50 === 0) log(`${index + 1}/${RUNS} runs ended`)
    }
  }
  await Promise.all(Array.from({ length: WINDOW }, submitUntilDone))
  const elapsedS = (Date.now() - started) / 1000

  const runs = runIds.map(runId => JSON.parse(readFileSync(join(app.dataDir, 'runs', runId, 'metadata.json'), 'utf8')))
  const statuses = {}
  for (const run of runs) statuses[run.status] = (statuses[run.status] ?? 0) + 1
  const completed = runs.filter(run => run.status === 'completed').map(timingsOf)
  if (completed.length === 0) throw new Error(`No run completed: ${JSON.stringify(statuses)}`)

  const row = (label, key) => {
    const values = completed.map(timing => timing[key])
    return [label, ...[0.5, 0.99, 1].map(fraction => percentile(values, fraction).toFixed(0))]
  }
  console.log(`\n### Pipeline: ${runs.length} image runs, window ${WINDOW}, default settings (queue concurrency 2)\n`)
  console.log(markdownTable(['per run, ms (server clock, metadata.json)', 'p50', 'p99', 'max'], [
    row('wall: created → completed', 'wall'),
    row('stage time: Σ stage duration_ms', 'stageSum'),
    row('generation stage duration_ms', 'generation'),
    row('**outside stages: wall − stage time**', 'outside'),
    row('… of which queue wait: created → first stage start', 'queueWait'),
    row('… of which between stages: the rest', 'betweenStages'),
    row('**wall − generation duration**', 'wallMinusGeneration'),
  ]))
  console.log(`\n${completed.length}/${runs.length} completed (${Object.entries(statuses).map(([status, count]) => `${status} ${count}`).join(', ')}); ${elapsedS.toFixed(1)} s in all, ${(runs.length / elapsedS).toFixed(2)} runs/s.`)
}
finally {
  await app.stop()
}

function timingsOf(run) {
  const at = iso => Date.parse(iso)
  const stage = name => run.stages.find(record => record.name === name)
  const wall = at(run.updated_at) - at(run.created_at)
  const stageSum = run.stages.reduce((sum, record) => sum + (record.duration_ms ?? 0), 0)
  const queueWait = at(stage('input_safety').started_at) - at(run.created_at)
  const generation = stage('generation').duration_ms
  return {
    wall, stageSum, generation, queueWait,
    outside: wall - stageSum,
    betweenStages: wall - stageSum - queueWait,
    wallMinusGeneration: wall - generation,
  }
}
