import { describe, expect, it } from 'vitest'
import { blockedMessage } from '#shared/blocked-messages'
import { Perspective } from '#shared/schemas/perspective'
import { Catalog } from '../../../../../server/utils/catalog/catalog'
import { newRun } from '../../../../../server/utils/pipeline/new-run'
import type { PipelineDeps } from '../../../../../server/utils/pipeline/pipeline-deps'
import { createRunJobHandler, pendingJobKind } from '../../../../../server/utils/pipeline/run-job-handler'
import type { InterceptionInput, SafetyProvider } from '../../../../../server/utils/providers/types'
import { tempRunStore } from '../../../../support/run-store'
import { passingImageCheck, withoutNameLists } from '../../../../support/pipeline-doubles'

const perspective = Perspective.parse({
  id: 'model', name: { de: 'Modell', en: 'Model' }, description: { de: 'M', en: 'M' }, category: 'attitude',
  icon: '🤖', colour: '#ffcc00', instruction: { de: 'Verwandle.', en: 'Transform.' }, minimum_age: 0, default_output: 'image',
})

/** A model's interception: answers from the script, first the normal answer, then the stricter one. */
function setup(answers: { normal: string, stricter: string }, check?: SafetyProvider['check']) {
  const { runs } = tempRunStore()
  const calls: InterceptionInput[] = []
  const safety: SafetyProvider = {
    id: 'fake_safety', model: 'm',
    check: check ?? (async ({ text }) => (text.includes('BAD') ? { safe: false, reason_code: 'violence', matched: ['bad'] } : { safe: true })),
  }
  const deps: PipelineDeps = {
    runs, catalog: new Catalog([perspective], [], []), instanceId: 'test', runTimeoutMs: 5_000, maxRunAttempts: 2,
    personalData: withoutNameLists(), imageCheck: passingImageCheck,
    providers: {
      inputSafety: safety, preOutputSafety: safety, generators: new Map(), imageSafety: null,
      translation: { id: 'fake_translation', model: 'm', toEnglish: async ({ text }) => ({ text }) },
      interception: { id: 'fake_model', model: 'm', intercept: async (input) => { calls.push(input); return { text: input.stricter ? answers.stricter : answers.normal } } },
    },
  }
  return { deps, runs, calls, handle: createRunJobHandler(deps) }
}

async function prepared(deps: PipelineDeps, handle: ReturnType<typeof createRunJobHandler>) {
  const run = newRun({ session_id: 'studio', participant_id: null, perspective: 'model', input_text: 'a dove of peace', context: null, language: 'en', safety_level: 'kids', output: null })
  await deps.runs.create(run)
  await handle({ runId: run.run_id, kind: 'prepare' }, new AbortController().signal)
  return (await deps.runs.get(run.run_id))!
}

const stage = (run: { stages: { name: string }[] }) => run.stages.find(record => record.name === 'interception_safety')!

describe('interception_safety', () => {
  it('stores and shows a text that passed, checked once and not transformed again', async () => {
    const { deps, handle, calls, runs } = setup({ normal: 'a dove of quiet', stricter: 'never asked' })
    const run = await prepared(deps, handle)
    expect(run).toMatchObject({ status: 'awaiting_output', interception_text: 'a dove of quiet' })
    expect(stage(run)).toMatchObject({ status: 'done', provider: 'fake_safety', detail: { safe: true, retried_stricter: false } })
    expect(calls.map(call => call.stricter)).toEqual([undefined])
    expect(run.prompt_history.map(edit => edit.text)).toEqual(['a dove of quiet'])
    expect(await runs.listFiles(run.run_id)).toContain('interception.txt')
  })

  it('transforms a failing text once more with the stricter instruction and shows that one if it passes', async () => {
    const { deps, handle, calls } = setup({ normal: 'a BAD dove of war', stricter: 'a gentle dove' })
    const run = await prepared(deps, handle)
    expect(run).toMatchObject({ status: 'awaiting_output', interception_text: 'a gentle dove' })
    expect(calls.map(call => call.stricter)).toEqual([undefined, true])
    expect(stage(run)).toMatchObject({ status: 'done', detail: { safe: true, retried_stricter: true } })
    expect(run.prompt_history.map(edit => edit.text)).toEqual(['a gentle dove'])
  })

  it('ends blocked as the machine’s mistake when the stricter text fails too, and keeps neither text', async () => {
    const { deps, handle, calls, runs } = setup({ normal: 'a BAD dove of war', stricter: 'still BAD' })
    const run = await prepared(deps, handle)
    expect(calls).toHaveLength(2)
    expect(run).toMatchObject({ status: 'blocked', interception_text: null, prompt_history: [] })
    expect(run.blocked).toEqual({ stage: 'interception_safety', reason_code: 'machine_mistake', message: blockedMessage('machine_mistake') })
    expect(stage(run)).toMatchObject({ status: 'blocked', detail: { reason_code: 'machine_mistake', text_reason_code: 'violence', retried_stricter: true } })
    expect(JSON.stringify(run)).not.toContain('BAD')
    expect(await runs.listFiles(run.run_id)).toEqual(['input.txt', 'metadata.json'])
  })

  it('blocks as "check unavailable", without a second transformation, when the check cannot answer', async () => {
    const { deps, handle, calls } = setup({ normal: 'a dove', stricter: 'never asked' }, async ({ text }) => (
      text === 'a dove of peace' ? { safe: true } : { safe: false, reason_code: 'safety_unavailable', matched: ['model down'] }))
    const run = await prepared(deps, handle)
    expect(calls).toHaveLength(1)
    expect(run).toMatchObject({ status: 'blocked', interception_text: null, blocked: { stage: 'interception_safety', reason_code: 'safety_unavailable' } })
  })

  it('gives the transformer the check of the run’s level for its own candidates', async () => {
    const levels: string[] = []
    const { deps, handle, calls } = setup({ normal: 'a dove', stricter: 'x' }, async ({ level }) => { levels.push(level); return { safe: true } })
    await prepared(deps, handle)
    expect(await calls[0]!.acceptable!('a BAD text')).toBe(true)
    expect(levels.every(level => level === 'kids')).toBe(true)
  })

  it('sends a run whose transformation was not yet checked back to prepare after a crash', async () => {
    const run = newRun({ session_id: 'studio', participant_id: null, perspective: 'model', input_text: 'x', context: null, language: 'en', safety_level: 'kids', output: null })
    run.status = 'running'
    run.stages.find(record => record.name === 'interception')!.status = 'done'
    expect(pendingJobKind(run)).toBe('prepare')
    run.stages.find(record => record.name === 'interception_safety')!.status = 'done'
    expect(pendingJobKind(run)).toBe('generate')
    // Stored before interception_safety existed: its interception was already shown.
    run.stages = run.stages.filter(record => record.name !== 'interception_safety')
    expect(pendingJobKind(run)).toBe('generate')
  })
})
