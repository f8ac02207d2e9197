import type { LocalizedText } from '#shared/schemas/common'
import type { RunError, StageName } from '#shared/schemas/run'
import { BackendError } from '../providers/backends/backend-error'
import { textWithoutUrlCredentials } from '../http/url-without-credentials'

const MACHINE_BUSY: LocalizedText = {
  de: 'Die Maschine ist gerade beschäftigt. Versuch es gleich noch einmal!',
  en: 'The machine is busy right now. Try again in a moment!',
  tr: 'Makine şu anda meşgul. Birazdan tekrar dene!',
  uk: 'Машина зараз зайнята. Спробуй ще раз за хвилинку!',
}

const INTERRUPTED: LocalizedText = {
  de: 'Da ist etwas dazwischengekommen. Versuch es bitte noch einmal!',
  en: 'Something got in the way. Please try again!',
  tr: 'Araya bir şey girdi. Lütfen tekrar dene!',
  uk: 'Щось завадило. Спробуй, будь ласка, ще раз!',
}

const REFUSED: LocalizedText = {
  de: 'Dieses Bild kann die Maschine nicht machen. Probier eine andere Idee!',
  en: 'The machine can’t make this one. Try a different idea!',
  tr: 'Makine bunu yapamıyor. Başka bir fikir dene!',
  uk: 'Машина не може цього зробити. Спробуй іншу ідею!',
}

const MACHINE_BROKEN: LocalizedText = {
  de: 'Die Maschine hat gerade ein Problem und kann das nicht machen. Das liegt nicht an dir! Sag bitte deiner Kursleitung Bescheid.',
  en: 'The machine has a problem and can’t make this right now. It’s not your fault! Please tell your course leader.',
  tr: 'Makinenin bir sorunu var ve bunu şu anda yapamıyor. Bu senin suçun değil! Lütfen kurs liderine söyle.',
  uk: 'У машини проблема, і вона зараз не може цього зробити. Ти не винен! Скажи, будь ласка, своєму керівнику курсу.',
}

/**
 * A provider failed or timed out. Worth another try (the child is told to retry) unless the
 * backend refused the prompt, or rejected the job or broke while running it: then retrying
 * cannot help, the child hears it is the machine's problem and the leader gets the backend's words.
 */
export function providerFailure(stage: StageName, providerId: string, error: unknown, timedOut: boolean): RunError {
  // Leaders read this on the run's page: whatever a provider threw, no password from a URL in it.
  const reason = textWithoutUrlCredentials(error instanceof Error ? error.message : String(error))
  if (error instanceof BackendError && error.kind === 'refused') {
    return { stage, code: 'refused_by_provider', message: `${providerId} refused in ${stage}: ${reason}`, child_message: REFUSED, retryable: false }
  }
  if (!timedOut && error instanceof BackendError && (error.kind === 'rejected' || error.kind === 'failed')) {
    return { stage, code: 'provider_broken', message: `${providerId} failed in ${stage}: ${reason}`, child_message: MACHINE_BROKEN, retryable: false }
  }
  return {
    stage,
    code: timedOut ? 'timeout' : 'provider_error',
    message: timedOut ? `${providerId} did not finish ${stage} in time` : `${providerId} failed in ${stage}: ${reason}`,
    child_message: MACHINE_BUSY,
    retryable: true,
  }
}

/** The run's time ran out between two stages. */
export function timeoutFailure(stage: StageName | null, timeoutMs: number): RunError {
  return {
    stage,
    code: 'timeout',
    message: `The run did not finish within ${Math.round(timeoutMs / 1000)} s`,
    child_message: MACHINE_BUSY,
    retryable: true,
  }
}

/** The server stopped while the run was in progress, too often to try once more. */
export function interruptedFailure(stage: StageName | null, attempts: number): RunError {
  return {
    stage,
    code: 'interrupted',
    message: `The server stopped during this run ${attempts} time(s); it was not started again.`,
    child_message: INTERRUPTED,
    retryable: true,
  }
}

/** Something the configuration or our code got wrong; retrying will not help by itself. */
export function internalFailure(stage: StageName | null, message: string): RunError {
  return { stage, code: 'internal_error', message: textWithoutUrlCredentials(message), child_message: INTERRUPTED, retryable: false }
}
