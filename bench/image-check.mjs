/**
 * The picture check's real model (nsfwjs MobileNetV2 on TensorFlow.js WASM) on pictures that must
 * pass: the built-in image provider's outputs for every shipped perspective (several ideas and seeds)
 * and harmless pictures (a street photo shipped in autocannon's tests, the app icons, flat skin tones,
 * gradients, noise). No explicit material anywhere: the blocking path is tested with limits and test
 * doubles (tests/unit/server/utils/safety/image-check).
 *
 * Prints the model's load time and memory, each picture's scores and the verdict at kids and youth
 * with the shipped limits, the highest score per class, per-picture time (p50/p95) and how long the
 * event loop stood still (inference is synchronous). Env: BENCH_IMAGE_SEEDS (2).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createJiti } from 'jiti'
import sharp from 'sharp'

const root = resolve(import.meta.dirname, '..')
// The project has no TS runner of its own; nuxt's jiti loads the server modules as they are.
const jiti = createJiti(import.meta.url, { alias: { '#shared': join(root, 'shared') } })
const { NsfwClassifier } = await jiti.import(join(root, 'server/utils/safety/image-check/nsfw-classifier.ts'))
const { bundledModelDir } = await jiti.import(join(root, 'server/utils/safety/image-check/nsfw-model-files.ts'))
const { SHIPPED_THRESHOLDS } = await jiti.import(join(root, 'server/utils/safety/image-check/load-thresholds.ts'))
const { classesOverLimit } = await jiti.import(join(root, 'server/utils/safety/image-check/image-verdict.ts'))
const { BuiltinImageProvider } = await jiti.import(join(root, 'server/utils/providers/builtin/image/builtin-image.ts'))

const SEEDS = Number(process.env.BENCH_IMAGE_SEEDS ?? 2)
const IDEAS = ['Ein rotes Haus am Meer', 'a cat playing in the garden', 'Kinder spielen Fußball im Park', 'a portrait of my grandmother']
const mb = bytes => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const memory = () => { const m = process.memoryUsage(); return `rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}, external ${mb(m.external)}` }

console.log(`before load: ${memory()}`)
const classifier = new NsfwClassifier(bundledModelDir())
let started = performance.now()
await classifier.load()
console.log(`load: ${(performance.now() - started).toFixed(0)} ms (${classifier.id} ${classifier.model}); after load: ${memory()}`)

async function harmlessPictures() {
  const solid = (name, background) => [name, sharp({ create: { width: 512, height: 512, channels: 3, background } }).png().toBuffer()]
  const gradient = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><defs><linearGradient id="g"><stop offset="0" stop-color="#f2c9a0"/><stop offset="1" stop-color="#8d5524"/></linearGradient></defs><rect width="512" height="512" fill="url(#g)"/></svg>')
  const noise = Buffer.from(Array.from({ length: 256 * 256 * 3 }, (_, index) => (index * 2654435761) % 251))
  return Promise.all([
    ['street photo (autocannon/test/j5.jpeg)', readFileSync(join(root, 'node_modules/autocannon/test/j5.jpeg'))],
    ...readdirSync(join(root, 'public')).filter(file => file.endsWith('.png')).map(file => [`app icon ${file}`, readFileSync(join(root, 'public', file))]),
    solid('flat light skin tone', '#f2c9a0'), solid('flat dark skin tone', '#8d5524'), solid('flat sky blue', '#87ceeb'),
    ['skin-tone gradient', sharp(gradient).png().toBuffer()],
    ['noise', sharp(noise, { raw: { width: 256, height: 256, channels: 3 } }).png().toBuffer()],
  ].map(async ([name, bytes]) => [name, await bytes]))
}

async function builtinOutputs() {
  const provider = new BuiltinImageProvider()
  const output = JSON.parse(readFileSync(join(root, 'server/assets/outputs/image_builtin.json'), 'utf8'))
  const folder = join(root, 'server/assets/perspectives')
  const perspectives = readdirSync(folder).map(file => JSON.parse(readFileSync(join(folder, file), 'utf8')))
  const pictures = []
  for (const perspective of perspectives) {
    for (const [index, idea] of IDEAS.entries()) {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const media = await provider.generate({ prompt: idea, seed: seed * 7919 + index, perspective, output: { ...output, parameters: { ...output.parameters } } })
        pictures.push([`${perspective.id} · ${idea} · seed ${seed}`, media.data])
      }
    }
  }
  return pictures
}

const CLASSES = ['drawing', 'hentai', 'neutral', 'porn', 'sexy']
const verdict = (scores, level) => classesOverLimit(scores, SHIPPED_THRESHOLDS[level]).map(over => over.name).join('+') || 'pass'

async function score(group, pictures) {
  const times = []
  const highest = Object.fromEntries(CLASSES.map(name => [name, 0]))
  const blocked = { kids: [], youth: [] }
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  console.log(`\n## ${group} (${pictures.length} pictures)\n\n| picture | ${CLASSES.join(' | ')} | kids | youth | ms |\n|---|${CLASSES.map(() => '---:').join('|')}|---|---|---:|`)
  for (const [name, bytes] of pictures) {
    const start = performance.now()
    const scores = await classifier.scores(bytes)
    const ms = performance.now() - start
    times.push(ms)
    for (const name of CLASSES) highest[name] = Math.max(highest[name], scores[name])
    for (const level of ['kids', 'youth']) if (verdict(scores, level) !== 'pass') blocked[level].push(name)
    console.log(`| ${name} | ${CLASSES.map(name => scores[name].toFixed(3)).join(' | ')} | ${verdict(scores, 'kids')} | ${verdict(scores, 'youth')} | ${ms.toFixed(0)} |`)
  }
  loop.disable()
  times.sort((a, b) => a - b)
  const at = share => times[Math.min(times.length - 1, Math.floor(share * times.length))].toFixed(0)
  console.log(`\n${group}: highest ${CLASSES.map(name => `${name} ${highest[name].toFixed(3)}`).join(', ')}`)
  console.log(`${group}: blocked with the shipped limits: kids ${blocked.kids.length}/${pictures.length}, youth ${blocked.youth.length}/${pictures.length}${blocked.kids.length ? ` (${blocked.kids.join('; ')})` : ''}`)
  console.log(`${group}: per picture (decode + resize + inference) p50 ${at(0.5)} ms, p95 ${at(0.95)} ms; event loop stood still up to ${(loop.max / 1e6).toFixed(0)} ms; ${memory()}`)
}

await score('harmless pictures', await harmlessPictures())
started = performance.now()
const outputs = await builtinOutputs()
console.log(`\n(${outputs.length} built-in outputs generated in ${((performance.now() - started) / 1000).toFixed(0)} s)`)
await score('built-in outputs', outputs)
console.log(`\nshipped limits (server/utils/safety/image-check/thresholds.json): ${JSON.stringify(SHIPPED_THRESHOLDS)}`)
