import { blockedMessage } from '#shared/blocked-messages'
import type { Perspective } from '#shared/schemas/perspective'
import type { BlockedInfo, RunMetadata } from '#shared/schemas/run'
import type { SafetyVerdict } from '../providers/types'
import type { PipelineDeps } from './pipeline-deps'
import { providerFailure } from './run-errors'
import { interceptionRulesOf } from './run-rules'
import { runStage, StageFailure, stageRecord } from './stage-runner'
import type { StageSignals } from './stages'

/** The idea passed its check, so a transformed text that fails is the machine's mistake, not the child's. */
export const MACHINE_MISTAKE = 'machine_mistake'
/** A check that could not answer is not the machine's transformation going wrong: the child hears that. */
const CHECK_UNAVAILABLE = 'safety_unavailable'

/**
 * The check of the run's level for transformed texts, remembered per text: the transformer asks it
 * about its own candidates, and the stage then asks again about the answer at no extra cost.
 */
export class InterceptionCheck {
  private verdicts = new Map<string, SafetyVerdict>()

  constructor(private deps: PipelineDeps, private run: RunMetadata, private signals: StageSignals) {}

  async verdict(text: string): Promise<SafetyVerdict> {
    const known = this.verdicts.get(text)
    if (known) return known
    const { run, signals } = this
    const verdict = await this.deps.providers.inputSafety.check({ text, level: run.safety_level, language: run.language, signal: signals.signal, onWaiting: signals.onWaiting })
    this.verdicts.set(text, verdict)
    return verdict
  }

  /**
   * For the transformer: whether to stop looking for another variant. A check that cannot answer
   * stops the search too; the stage asks again and records that failure as its own.
   */
  readonly acceptable = async (text: string): Promise<boolean> => {
    try {
      const verdict = await this.verdict(text)
      return verdict.safe || verdict.reason_code === CHECK_UNAVAILABLE
    }
    catch {
      return true
    }
  }
}

/**
 * Stage interception_safety: the transformed text is checked before anyone sees it. Only a text that
 * passed is stored as the run's interception, so no response can carry an unchecked one. A text that
 * fails is transformed once more with the stricter instruction; if that fails too, the run ends
 * blocked with a message that says the machine made the mistake. Returns whether the run goes on.
 */
export async function interceptionSafetyStage(
  deps: PipelineDeps, run: RunMetadata, perspective: Perspective, text: string, check: InterceptionCheck, signals: StageSignals,
): Promise<boolean> {
  const safety = deps.providers.inputSafety
  const result = await runStage(deps.runs, run.run_id, 'interception_safety', safety, async () => {
    const first = await check.verdict(text)
    if (first.safe || first.reason_code === CHECK_UNAVAILABLE) return { text, verdict: first, retried: false }
    const interception = deps.providers.interception
    let stricter: string
    try {
      stricter = (await interception.intercept({
        text: run.input_text, pictures: run.input_images.length, perspective, language: run.language, ...interceptionRulesOf(run, perspective), seed: run.seed,
        signal: signals.signal, onWaiting: signals.onWaiting, acceptable: check.acceptable, stricter: true,
      })).text
    }
    catch (error) {
      throw new StageFailure(providerFailure('interception_safety', interception.id, error, signals.timeout.aborted))
    }
    return { text: stricter, verdict: await check.verdict(stricter), retried: true }
  }, error => (error instanceof StageFailure ? error.runError : providerFailure('interception_safety', safety.id, error, signals.timeout.aborted)),
  ({ verdict, retried }) => ({ safe: verdict.safe, retried_stricter: retried }))

  const { verdict } = result
  if (verdict.safe) {
    await deps.runs.update(run.run_id, (latest) => {
      latest.interception_text = result.text
      latest.prompt_history.push({ at: new Date().toISOString(), source: 'interception', text: result.text })
    })
    return true
  }
  const reasonCode = verdict.reason_code === CHECK_UNAVAILABLE ? CHECK_UNAVAILABLE : MACHINE_MISTAKE
  const blocked: BlockedInfo = { stage: 'interception_safety', reason_code: reasonCode, message: blockedMessage(reasonCode) }
  await deps.runs.update(run.run_id, (latest) => {
    latest.status = 'blocked'
    latest.blocked = blocked
    // For the leader: which kind of list the machine's text tripped, never its words: nobody sees an unchecked text.
    Object.assign(stageRecord(latest.stages, 'interception_safety'), {
      status: 'blocked',
      detail: { reason_code: reasonCode, text_reason_code: verdict.reason_code, retried_stricter: result.retried },
    })
  })
  return false
}
