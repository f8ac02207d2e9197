import { chmod } from 'node:fs/promises'
import type { Storage } from 'unstorage'
import type { ProviderSettings } from '#shared/schemas/providers'
import { KeyedMutex } from '../keyed-mutex'
import { EMPTY_SETTINGS, overlay, StoredProviderSettings } from './provider-settings'

const KEY = 'settings:providers.json'

/**
 * settings/providers.json in the data directory, as the admin page saves it. API keys are stored
 * as given (the file is made readable by the server's user only); NUXT_PROVIDERS is overlaid on
 * read and never written here.
 */
export class ProviderSettingsStore {
  private mutex = new KeyedMutex()

  constructor(private documents: Storage, readonly env: ProviderSettings | null, private filePath: string | null = null) {}

  async file(): Promise<ProviderSettings> {
    const raw = await this.documents.getItemRaw<Buffer>(KEY)
    if (!raw) return structuredClone(EMPTY_SETTINGS)
    try {
      const parsed = StoredProviderSettings.safeParse(JSON.parse(raw.toString('utf8')))
      if (parsed.success) return parsed.data
      console.warn(`[providers] ${KEY} is not valid (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}); using the built-in providers until a leader saves the backends again`)
    }
    catch {
      console.warn(`[providers] ${KEY} is not valid JSON; using the built-in providers until a leader saves the backends again`)
    }
    return structuredClone(EMPTY_SETTINGS)
  }

  async effective(): Promise<ProviderSettings> {
    return overlay(await this.file(), this.env)
  }

  /** Serialised: `change` gets the stored settings and returns the ones to write (or throws). */
  async update(change: (current: ProviderSettings) => Promise<ProviderSettings> | ProviderSettings): Promise<{ before: ProviderSettings, after: ProviderSettings }> {
    return this.mutex.run(KEY, async () => {
      const before = await this.file()
      const after = await change(structuredClone(before))
      await this.documents.setItem(KEY, `${JSON.stringify(after, null, 2)}\n`)
      if (this.filePath) await chmod(this.filePath, 0o600).catch(() => undefined)
      return { before, after }
    })
  }
}
