// A second "instance" in its own process: takes one run job with the same queue options as
// BullRunQueue, says so on stdout and never finishes, so a test can SIGKILL it mid-job.
import { Worker } from 'bullmq'
import { Redis } from 'ioredis'

const [redisUrl, prefix, stallTimeoutSeconds] = process.argv.slice(2)
const stallMs = Number(stallTimeoutSeconds) * 1000
const worker = new Worker(`${prefix}-runs`, async (job) => {
  process.stdout.write(`took ${job.id}\n`)
  await new Promise(() => {})
}, {
  connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
  prefix,
  concurrency: 1,
  lockDuration: stallMs,
  stalledInterval: stallMs / 2,
  maxStalledCount: 2,
})
worker.on('ready', () => process.stdout.write('ready\n'))
