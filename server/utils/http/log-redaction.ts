import { formatWithOptions } from 'node:util'
import { textWithoutUrlCredentials } from './url-without-credentials'
import type { Settings } from '../settings'

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const
/** Shorter values would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4

/** The passwords and keys of this server's settings that a library could print (ioredis prints an AUTH command's arguments). */
export function secretsOf(settings: Settings): string[] {
  const secrets = [settings.s3SecretAccessKey, settings.adminPassword]
  if (URL.canParse(settings.redisUrl)) {
    const { username, password } = new URL(settings.redisUrl)
    secrets.push(decodeURIComponent(password), decodeURIComponent(username))
  }
  return secrets.filter(secret => secret.length >= MIN_SECRET_LENGTH)
}

/** One log line without credentials: URLs lose user and password, and every known secret becomes ***. */
export function redactLogLine(line: string, secrets: readonly string[]): string {
  let redacted = textWithoutUrlCredentials(line)
  for (const secret of secrets) redacted = redacted.replaceAll(secret, '***')
  return redacted
}

/**
 * Every console line of this process goes through redactLogLine, whoever writes it: our code, or a
 * library's own logging (ioredis logs a failed AUTH with the password it sent).
 */
export function installLogRedaction(secrets: readonly string[]) {
  for (const method of METHODS) {
    const original = console[method].bind(console)
    console[method] = (...args: unknown[]) => original(redactLogLine(formatWithOptions({ colors: false }, ...args), secrets))
  }
}
