/**
 * The built-in picture processing (media/image/builtin/pictures) on its own, no server: for every
 * shipped perspective, one 2000×1500 JPEG transformed to the default 1024×1024 output, and
 * fusions of two and three pictures. Prints median and slowest of BENCH_PICTURE_ROUNDS (5) rounds
 * per row, in ms, as a markdown table. Sharp runs with one libvips thread, as in the server.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createJiti } from 'jiti'
import sharp from 'sharp'

const root = resolve(import.meta.dirname, '..')
const jiti = createJiti(import.meta.url, { alias: { '#shared': join(root, 'shared') } })
const { renderFromPictures } = await jiti.import(join(root, 'media/image/builtin/pictures/index.ts'))
const { fusionLayoutFor } = await jiti.import(join(root, 'media/image/builtin/pictures/fusion/fuse-pictures.ts'))
const { HOUSE, SHAPES, STRIPES } = await jiti.import(join(root, 'tests/unit/media/image/builtin/pictures/test-pictures.ts'))

const ROUNDS = Number(process.env.BENCH_PICTURE_ROUNDS ?? 5)
const perspectivesDir = join(root, 'server/assets/perspectives')
const perspectives = readdirSync(perspectivesDir).filter(file => file.endsWith('.json')).sort()
  .map(file => JSON.parse(readFileSync(join(perspectivesDir, file), 'utf8')))

// A phone photo's size; the SVG test scenes stand in for photos (no people in a bench either).
const photo = body => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1500" viewBox="0 0 400 400" preserveAspectRatio="none">${body}</svg>`)).jpeg({ quality: 85 }).toBuffer()
const photos = await Promise.all([HOUSE, SHAPES, STRIPES].map(photo))
const picture = data => ({ file: 'input-image-1.jpg', mime: 'image/jpeg', width: 2000, height: 1500, data })
const output = { id: 'builtin_image', parameters: { width: 1024, height: 1024 } }

async function time(perspective, count) {
  const input = { prompt: 'a red house by the sea', seed: 42, perspective, output, pictures: photos.slice(0, count).map(picture) }
  await renderFromPictures(input) // warm-up: module code, libvips caches
  const times = []
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now()
    await renderFromPictures({ ...input, seed: 42 + round })
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return `${times[Math.floor(times.length / 2)].toFixed(0)} / ${times.at(-1).toFixed(0)}`
}

console.log(`| perspective | fusion layout | 1 picture (median / max ms) | 2 pictures | 3 pictures |`)
console.log(`| --- | --- | --- | --- | --- |`)
for (const perspective of perspectives) {
  process.stderr.write(`${perspective.id}…\n`)
  console.log(`| ${perspective.id} | ${fusionLayoutFor(perspective)} | ${await time(perspective, 1)} | ${await time(perspective, 2)} | ${await time(perspective, 3)} |`)
}
