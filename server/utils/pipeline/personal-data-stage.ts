import { blockedMessage } from '#shared/blocked-messages'
import type { SafetyLevel } from '#shared/schemas/common'
import type { OutputConfig } from '#shared/schemas/output'
import { isBuiltinProviderId } from '#shared/schemas/providers'
import type { RunMetadata } from '#shared/schemas/run'
import type { ProviderIdentity } from '../providers/types'
import type { PipelineDeps } from './pipeline-deps'
import { internalFailure } from './run-errors'
import { runStage, stageRecord } from './stage-runner'

/** Levels whose runs are blocked, never redacted, when personal data would leave the building. */
const ALWAYS_BLOCK: readonly SafetyLevel[] = ['kids', 'youth']

/**
 * Where the check stands: before the idea goes to the interception, and before the text to
 * generate (perhaps the student's edit) goes to translation, the prompt check and the generator.
 */
export type PersonalDataCheckpoint = 'idea' | 'prompt'

/**
 * Personal data never leaves the building. The texts of this checkpoint are checked; when a
 * provider that will receive them is not built in, a kids or youth run is blocked, and an adult
 * or research run is blocked or, if its session says `redact`, goes on with placeholders. A run
 * that stays inside records what was found and goes on unchanged. Returns the run the next
 * stages should use (with the redacted texts), or null when the run was blocked.
 */
export async function personalDataStage(deps: PipelineDeps, run: RunMetadata, checkpoint: PersonalDataCheckpoint, output?: OutputConfig): Promise<RunMetadata | null> {
  const detector = deps.personalData
  // A song's lyrics leave the building with the prompt.
  const fields = checkpoint === 'idea' ? (['input_text', 'context', 'rules', 'lyrics'] as const) : (['interception_text', 'machine_text', 'lyrics'] as const)
  const outside = receivers(deps, run, checkpoint, output).filter(provider => !isBuiltinProviderId(provider.id)).map(provider => provider.id)
  const record = run.stages.find(stage => stage.name === 'personal_data')
  const check = async () => {
    const findings = fields.map(field => ({ field, text: run[field] ?? '', ...detector.find(run[field] ?? '') }))
    const spans = findings.flatMap(finding => finding.spans)
    const action = spans.length === 0 ? 'none' : outside.length === 0 ? 'kept_inside' : blocks(run) ? 'blocked' : 'redacted'
    const redacted = { ...run }
    if (action === 'redacted') for (const finding of findings) Object.assign(redacted, { [finding.field]: detector.redact(finding.text, finding.spans, run.language) })
    return { action, spans, famous: findings.flatMap(finding => finding.famous), redacted }
  }
  const describe = (result: Awaited<ReturnType<typeof check>>) => ({
    ...record?.detail,
    [checkpoint]: {
      action: result.action, outside_providers: outside, found: result.spans.map(span => ({ kind: span.kind, text: span.text })), famous: result.famous,
      ...(result.action === 'redacted' ? Object.fromEntries(fields.map(field => [field, result.redacted[field]])) : {}),
    },
  })
  let checked: Awaited<ReturnType<typeof check>>
  if (checkpoint === 'prompt' && record?.status === 'done') {
    // The stage's time stays that of the idea check, so the run's stages keep their order; the prompt check adds its finding.
    checked = await check()
    const detail = describe(checked)
    await deps.runs.update(run.run_id, (latest) => { stageRecord(latest.stages, 'personal_data').detail = detail })
  }
  else {
    checked = await runStage(deps.runs, run.run_id, 'personal_data', { id: 'builtin_personal_data', model: detector.model }, check,
      error => internalFailure('personal_data', String(error)), describe)
  }
  if (checked.action !== 'blocked') return checked.redacted
  await deps.runs.update(run.run_id, (latest) => {
    latest.status = 'blocked'
    latest.blocked = { stage: 'personal_data', reason_code: 'personal_data', message: blockedMessage('personal_data') }
    const record = stageRecord(latest.stages, 'personal_data')
    Object.assign(record, { status: 'blocked', detail: { ...record.detail, reason_code: 'personal_data' } })
  })
  return null
}

function blocks(run: RunMetadata) {
  return ALWAYS_BLOCK.includes(run.safety_level) || run.personal_data !== 'redact'
}

/**
 * A safety model outside the building would read the idea before this check, so then the check
 * comes first; otherwise the idea's safety check comes first, so that its message (self-harm
 * above all) is the one a child reads.
 */
export function checkIdeaBeforeInputSafety(deps: PipelineDeps): boolean {
  return !isBuiltinProviderId(deps.providers.inputSafety.id)
}

/** Who receives this checkpoint's texts. */
function receivers(deps: PipelineDeps, run: RunMetadata, checkpoint: PersonalDataCheckpoint, output?: OutputConfig): ProviderIdentity[] {
  const { providers } = deps
  if (checkpoint === 'idea') return [providers.inputSafety, providers.interception]
  const generator = output ? providers.generators.get(output.provider) : undefined
  const translates = output?.needs_english && run.language !== 'en'
  return [providers.preOutputSafety, ...(translates ? [providers.translation] : []), ...(generator ? [generator] : [])]
}
