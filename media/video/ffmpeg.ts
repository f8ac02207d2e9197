import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const STDERR_TAIL = 2000

/**
 * The ffmpeg binary shipped inside the npm package @ffmpeg-installer/linux-x64 (a static build with
 * libx264), so video needs no download at run time; NUXT_FFMPEG_PATH names another one, and on a
 * machine the package does not fit (arm64) the `ffmpeg` on the PATH is tried.
 */
export function ffmpegPath(): string {
  if (process.env.NUXT_FFMPEG_PATH) return process.env.NUXT_FFMPEG_PATH
  try {
    const shipped = join(dirname(createRequire(import.meta.url).resolve('@ffmpeg-installer/linux-x64/package.json')), 'ffmpeg')
    if (existsSync(shipped)) return shipped
  }
  catch { /* an optional dependency that does not fit this machine */ }
  return 'ffmpeg'
}

export interface FfmpegOptions {
  /** Written to ffmpeg's stdin one chunk after another, waiting whenever the pipe is full. */
  input?: AsyncIterable<Buffer>
  signal?: AbortSignal
  /** ffmpeg is killed after this long: a stuck encode never holds a worker. */
  timeoutMs: number
}

/** Runs ffmpeg, answers what it wrote to stdout; kills it on abort or timeout and says why it failed. */
export function runFfmpeg(args: string[], { input, signal, timeoutMs }: FfmpegOptions): Promise<Buffer> {
  signal?.throwIfAborted()
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', ...(input ? [] : ['-nostdin']), ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    let stderr = ''
    let failure: unknown = null
    const stop = (reason: unknown) => {
      failure ??= reason
      child.kill('SIGKILL')
    }
    const timer = setTimeout(() => stop(new Error(`ffmpeg did not finish within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs)
    const onAbort = () => stop(signal!.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL) })
    // ffmpeg closes stdin early when it has read enough (or failed): that is no failure of ours.
    child.stdin.on('error', () => {})
    child.on('error', error => stop(error))
    child.on('close', (code) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (failure) reject(failure)
      else if (code !== 0) reject(new Error(`ffmpeg failed (exit ${code}): ${stderr.trim() || 'no message'}`))
      else resolve(Buffer.concat(stdout))
    })
    if (input) feed(child.stdin, input).catch(stop)
    else child.stdin.end()
  })
}

async function feed(stdin: NodeJS.WritableStream, input: AsyncIterable<Buffer>) {
  for await (const chunk of input) {
    if (!stdin.write(chunk)) await new Promise<void>(resolve => stdin.once('drain', () => resolve()))
  }
  stdin.end()
}

/**
 * A private folder for a file ffmpeg must seek in (an MP4 it writes with its index first, or one it
 * reads whose index comes last), removed with everything in it whatever happens.
 */
export async function withTempFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'ai4artsed-video-'))
  try {
    return await work(folder)
  }
  finally {
    await rm(folder, { recursive: true, force: true })
  }
}
