import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExpiringStore } from '../cluster/expiring-store'

const ENV = 'NUXT_SESSION_PASSWORD'

/**
 * Leader sessions are sealed with NUXT_SESSION_PASSWORD. Offline by default means nobody has to
 * set one: a random secret is created once and shared by every instance that may answer the same
 * leader. With Redis (instances possibly on several machines, each with its own data dir) it is
 * kept in Redis; without, inside the data directory. Throws at once on a password that is too
 * short; the promise resolves when the secret is in place (routes that read sessions wait for it).
 */
export function ensureSessionSecret(dataDir: string, shared: ExpiringStore | null): Promise<void> {
  if (process.env[ENV]) {
    if (process.env[ENV]!.length < 32) throw new Error(`${ENV} must be at least 32 characters long`)
    return Promise.resolve()
  }
  if (shared) {
    return shared.claim('secrets:session-password', generate()).then((secret) => { process.env[ENV] = secret })
  }
  const dir = join(dataDir, 'secrets')
  const file = join(dir, 'session-password')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    writeFileSync(file, generate(), { flag: 'wx', mode: 0o600 })
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  process.env[ENV] = readFileSync(file, 'utf8').trim()
  return Promise.resolve()
}

const generate = () => randomBytes(32).toString('hex')
