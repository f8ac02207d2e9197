import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'
import type { RunMetadata } from '#shared/schemas/run'
import { writeLyrics } from '../../../media/audio/lyrics/write-lyrics'
import type { PipelineDeps } from './pipeline-deps'
import { providerFailure } from './run-errors'
import { StageFailure } from './stage-runner'
import type { StageSignals } from './stages'

/**
 * Before a song is checked and made: the student left the words to the perspective, so it writes
 * them now from its checked text. Stored at once (the research record shows who wrote them); the
 * child sees them only with the released song, after pre_output checked them.
 */
export async function lyricsStep(deps: PipelineDeps, run: RunMetadata, perspective: Perspective, output: OutputConfig, signals: StageSignals): Promise<RunMetadata> {
  if (!output.music || run.lyrics) return run
  const provider = deps.providers.interception
  let lyrics: string
  try {
    lyrics = await writeLyrics(provider, {
      text: run.interception_text ?? run.input_text, idea: run.input_text, perspective, language: run.language, seed: run.seed,
      signal: signals.signal, onWaiting: signals.onWaiting,
    })
  }
  catch (error) {
    throw new StageFailure(providerFailure('pre_output', provider.id, error, signals.timeout.aborted))
  }
  return deps.runs.update(run.run_id, (latest) => {
    latest.lyrics = lyrics
    latest.prompt_history.push({ at: new Date().toISOString(), source: 'interception', kind: 'lyrics', text: lyrics })
  })
}
