// s3rver in its own process: its continuation tokens use DES, which Node's OpenSSL 3 only offers
// with --openssl-legacy-provider, a flag a test worker cannot turn on for itself.
// Usage: node --openssl-legacy-provider s3rver-process.mjs <directory> <bucket>...; prints {"port":N}.
import S3rver from 's3rver'

const [directory, ...buckets] = process.argv.slice(2)
const server = new S3rver({
  port: 0, address: '127.0.0.1', silent: true, directory,
  configureBuckets: buckets.map(name => ({ name, configs: [] })),
})
const { port } = await server.run()
process.stdout.write(`${JSON.stringify({ port })}\n`)
process.on('SIGTERM', () => server.close().then(() => process.exit(0)))
