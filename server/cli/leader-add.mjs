#!/usr/bin/env node
// npm run leader:add -- <name>
// Creates a course leader account in the data directory (NUXT_DATA_DIR, default .data), asking for
// the password twice without showing it. Without a terminal (scripts, tests) the password is the
// first line of stdin. Writes the same file the server does: leaders/<name>.json with a scrypt hash.
import { randomBytes } from 'node:crypto'
import { promises as fsp } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { Hash } from '@adonisjs/hash'
import { Scrypt } from '@adonisjs/hash/drivers/scrypt'

// Same rules as server/utils/auth/leader-schemas.ts.
const LEADER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/
const MIN_PASSWORD_LENGTH = 10

class UsageError extends Error {}

async function main() {
  const name = process.argv[2]
  if (!name || !LEADER_NAME_PATTERN.test(name)) {
    throw new UsageError('Usage: npm run leader:add -- <name>\nThe name uses 2 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.')
  }
  const dir = join(resolve(process.cwd(), process.env.NUXT_DATA_DIR || '.data'), 'leaders')
  const file = join(dir, `${name}.json`)
  if (await exists(file)) throw new UsageError(`A leader called "${name}" already exists.`)

  const password = process.stdin.isTTY ? await askTwice() : await firstLine(process.stdin)
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`)

  // nuxt-auth-utils builds its hasher the same way, with the module's default (empty) scrypt options.
  const hash = await new Hash(new Scrypt({})).make(password)
  const leader = { name, password_hash: hash, created_at: new Date().toISOString() }
  await writeNew(dir, file, `${JSON.stringify(leader, null, 2)}\n`)
  console.log(`Created course leader "${name}". Sign in at /admin/login.`)
}

/** Temp file, fsync, then link(): the account appears whole, and a name taken meanwhile is never overwritten. */
async function writeNew(dir, file, text) {
  await fsp.mkdir(dir, { recursive: true })
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await fsp.open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  }
  finally {
    await handle.close()
  }
  try {
    await fsp.link(temp, file)
  }
  catch (error) {
    if (error.code === 'EEXIST') throw new UsageError(`A leader with this name already exists.`)
    throw error
  }
  finally {
    await fsp.unlink(temp)
  }
}

const exists = path => fsp.access(path).then(() => true, () => false)

async function firstLine(input) {
  const lines = createInterface({ input, crlfDelay: Infinity })
  for await (const line of lines) {
    lines.close()
    return line
  }
  return ''
}

async function askTwice() {
  const first = await askHidden('Password (at least 10 characters): ')
  const second = await askHidden('Same password again: ')
  if (first !== second) throw new UsageError('The two passwords differ; nothing was created.')
  return first
}

/** readline with its echo muted: the prompt is shown, the typed characters are not. */
function askHidden(prompt) {
  let muted = false
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stdout.write(chunk, encoding)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  return new Promise((resolveAnswer) => {
    rl.question(prompt, (answer) => {
      rl.close()
      process.stdout.write('\n')
      resolveAnswer(answer)
    })
    muted = true
  })
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error)
  process.exit(1)
})
