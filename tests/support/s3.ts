import { S3Client } from '@aws-sdk/client-s3'
// @ts-expect-error s3rver ships no types; only its constructor, run() and close() are used here.
import S3rver from 's3rver'
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
  /** The settings a server needs to keep its media in `bucket` (NUXT_S3_*). */
  serverEnv: (bucket: string) => Record<string, string>
  /** A plain client for checking what really lies in the bucket. */
  client: S3Client
  stop: () => Promise<void>
}

/**
 * A local S3 (s3rver, in this process) on a free loopback port, with these buckets created.
 * s3rver's continuation tokens use DES, which Node's OpenSSL 3 offers only with
 * --openssl-legacy-provider: vitest.config.ts starts the test workers with it.
 */
export async function startS3(buckets: string[]): Promise<TestS3> {
  const directory = makeTempDir('ai4artsed-s3-')
  const server = new S3rver({
    port: 0, address: '127.0.0.1', silent: true, directory,
    configureBuckets: buckets.map(name => ({ name, configs: [] })),
  })
  const { port } = await server.run() as { port: number }
  const endpoint = `http://127.0.0.1:${port}`
  const settings = (bucket: string, extra: Partial<S3Settings> = {}): S3Settings => ({
    endpoint, region: 'us-east-1', bucket, prefix: '', forcePathStyle: true, ...S3RVER_KEY, ...extra,
  })
  const serverEnv = (bucket: string) => ({
    NUXT_S3_BUCKET: bucket, NUXT_S3_ENDPOINT: endpoint, NUXT_S3_FORCE_PATH_STYLE: 'true',
    NUXT_S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId, NUXT_S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
  })
  const client = new S3Client({
    endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const stop = async () => {
    client.destroy()
    await server.close()
  }
  return { endpoint, directory, settings, serverEnv, client, stop }
}
