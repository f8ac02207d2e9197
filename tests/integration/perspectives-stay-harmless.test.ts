import { createStorage } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { Catalog } from '../../server/utils/catalog/catalog'
import { newRun } from '../../server/utils/pipeline/new-run'
import { createRunJobHandler } from '../../server/utils/pipeline/run-job-handler'
import { builtinProviders } from '../../server/utils/providers/builtin/builtin-registry'
import { FsBlobStore } from '../../server/utils/storage/fs-blob-store'
import { RunStore } from '../../server/utils/storage/run-store'
import { makeTempDir } from '../support/server'
import { HARMLESS_IDEAS, shippedPerspectives, shippedSafety, shippedSafetyLists } from '../support/shipped-content'
import { passingImageCheck, withoutNameLists } from '../support/pipeline-doubles'

// The pipeline as the server wires it with built-in providers and the shipped lists, without HTTP
// and on documents in memory: over a thousand runs. interception-safety.test.ts takes the same path over HTTP.
const perspectives = shippedPerspectives()
const runs = new RunStore(createStorage(), new FsBlobStore(makeTempDir()))
const deps = {
  runs, catalog: new Catalog(perspectives, [], []), providers: builtinProviders(shippedSafetyLists()),
  instanceId: 'sweep', runTimeoutMs: 30_000, maxRunAttempts: 2, personalData: withoutNameLists(), imageCheck: passingImageCheck,
}
const handle = createRunJobHandler(deps)
const safety = shippedSafety()
const SEEDS = [0, 99]

describe('every shipped perspective on harmless ideas, at kids', () => {
  it.each(perspectives.map(perspective => perspective.id))('%s shows only texts that passed the kids check, and blocks none of them', async (id) => {
    const perspective = perspectives.find(candidate => candidate.id === id)!
    const problems: string[] = []
    for (const language of ['de', 'en'] as const) {
      for (const idea of HARMLESS_IDEAS[language]) {
        for (const seed of SEEDS) {
          const run = newRun({
            session_id: 'studio', participant_id: null, perspective: perspective.id, input_text: idea, language, safety_level: 'kids', output: null, seed,
            context: perspective.student_rules ? 'Alles wird blau' : null,
          })
          await runs.create(run)
          await handle({ runId: run.run_id, kind: 'prepare' }, new AbortController().signal)
          const stored = (await runs.get(run.run_id))!
          const where = `${perspective.id} seed ${seed} "${idea}"`
          // An idea the kids lists name never reaches a perspective: nothing to judge it by.
          if (stored.blocked?.stage === 'input_safety') continue
          if (stored.status !== 'awaiting_output') {
            problems.push(`${where}: ${stored.status} ${JSON.stringify(stored.blocked ?? stored.error)}`)
            continue
          }
          const verdict = await safety.check({ text: stored.interception_text!, level: 'kids', language })
          if (!verdict.safe) problems.push(`${where}: shown "${stored.interception_text}" (${verdict.matched.join(', ')})`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})
