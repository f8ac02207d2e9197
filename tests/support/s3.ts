import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { resolve } from 'node:path'
import { S3Client } from '@aws-sdk/client-s3'
import type { S3Settings } from '../../server/utils/storage/s3-blob-store'
import { makeTempDir } from './server'

/** s3rver's built-in key pair; it checks request signatures against it. */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

export interface TestS3 {
  endpoint: string
  /** Where s3rver keeps the objects on disk. */
  directory: string
  /** Settings for a store on one of the buckets created at start. */
  settings: (bucket: string, extra?: Partial<S3Settings>) => S3Settings
  /** A plain client for checking what really lies in the bucket. */
  client: S3Client
  stop: () => Promise<void>
}

/** A local S3 (s3rver, in a child process) on a free loopback port, with these buckets created. */
export async function startS3(buckets: string[]): Promise<TestS3> {
  const directory = makeTempDir('ai4artsed-s3-')
  const child = spawn(process.execPath, ['--openssl-legacy-provider', resolve(import.meta.dirname, 's3rver-process.mjs'), directory, ...buckets], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const [line] = await Promise.race([
    once(createInterface({ input: child.stdout! }), 'line') as Promise<string[]>,
    exited.then(([code]) => { throw new Error(`s3rver exited with ${code} before it listened`) }),
  ])
  const { port } = JSON.parse(line!) as { port: number }
  const endpoint = `http://127.0.0.1:${port}`
  const settings = (bucket: string, extra: Partial<S3Settings> = {}): S3Settings => ({
    endpoint, region: 'us-east-1', bucket, prefix: '', forcePathStyle: true, ...S3RVER_KEY, ...extra,
  })
  const client = new S3Client({
    endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const stop = async () => {
    client.destroy()
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return { endpoint, directory, settings, client, stop }
}
