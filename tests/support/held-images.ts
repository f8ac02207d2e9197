import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type FakeOpenAiImages, startFakeOpenAiImages } from '../fakes/fake-openai-images'
import { makeTempDir } from './server'

/** The output whose pictures wait for the test; it is the default image output of a server started with `env`. */
export const HELD_OUTPUT = 'image_held'

export interface HeldImages {
  /** NUXT_PROVIDERS and NUXT_CONTENT_DIR for startServer; every instance of a test takes the same. */
  env: Record<string, string>
  backend: FakeOpenAiImages
  /** Pictures being generated right now, held back: a run is genuinely mid-generation while this is above 0. */
  readonly held: number
  /** Lets every held picture and every later one finish. */
  release(): void
  close(): Promise<void>
}

/**
 * Slowness on command, never from how fast this machine paints: an image backend (the OpenAI
 * images fake on loopback, configured like a real one through NUXT_PROVIDERS) that holds every
 * picture until the test calls `release()`. A run's generation is in progress exactly as long as
 * the test wants: long enough to cancel, kill, stop or time it out. Nothing of it is in the
 * server: a normal start never has this backend.
 */
export async function startHeldImages(): Promise<HeldImages> {
  const backend = await startFakeOpenAiImages({ apiKey: 'sk-held' })
  backend.hold()
  const contentDir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(contentDir, 'outputs'), { recursive: true })
  writeFileSync(join(contentDir, 'outputs', `${HELD_OUTPUT}.json`), JSON.stringify({
    id: HELD_OUTPUT, name: { de: 'Bild', en: 'Picture' }, media_type: 'image', provider: 'held', model: 'gpt-image-1',
    parameters: { width: 1024, height: 1024 },
  }))
  const providers = {
    backends: [{ id: 'held', type: 'openai', url: backend.url, api_key: 'sk-held', concurrency: 64, timeout_s: 3600, retries: 0 }],
    default_outputs: { image: HELD_OUTPUT },
  }
  return {
    env: { NUXT_CONTENT_DIR: contentDir, NUXT_PROVIDERS: JSON.stringify(providers) },
    backend,
    get held() { return backend.held },
    release: () => backend.release(),
    close: () => backend.close(),
  }
}
