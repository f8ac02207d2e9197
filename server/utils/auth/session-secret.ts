import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const ENV = 'NUXT_SESSION_PASSWORD'

/**
 * Leader sessions are sealed with NUXT_SESSION_PASSWORD. Offline by default means nobody has to
 * set one: a random secret is created once inside the data directory, so restarts (and other
 * instances on the same storage) keep leaders signed in.
 */
export function ensureSessionSecret(dataDir: string) {
  if (process.env[ENV]) {
    if (process.env[ENV]!.length < 32) throw new Error(`${ENV} must be at least 32 characters long`)
    return
  }
  const dir = join(dataDir, 'secrets')
  const file = join(dir, 'session-password')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 })
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  process.env[ENV] = readFileSync(file, 'utf8').trim()
}
