import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { runInNewContext } from 'node:vm'
import type { io } from '@tensorflow/tfjs-core'

// At call time, not load time: in the server build, import.meta.url names the entry only once it has started.
const resolveModule = (id: string) => createRequire(import.meta.url).resolve(id)

/** The MobileNetV2 that ships inside the nsfwjs package: read from node_modules, never downloaded. */
export function bundledModelDir(): string {
  // The package's own entry for this model (dist/cjs/models/), not its main, which needs all of TensorFlow.js.
  return join(dirname(resolveModule('nsfwjs/models/mobilenet_v2')), '..', '..', 'models', 'mobilenet_v2')
}

/**
 * nsfwjs ships its models as browserify bundles: `model.min.js` exports the Keras topology as an
 * object literal, each `group1-shard*.min.js` one base64 string of weights. Evaluated in an empty
 * context (no require, no process), the bundles can only hand back their value.
 */
export async function readModelArtifacts(dir: string): Promise<io.ModelArtifacts> {
  const model = evaluateBundle(await readFile(join(dir, 'model.min.js'), 'utf8')) as {
    modelTopology: object
    weightsManifest: { paths: string[], weights: io.WeightsManifestEntry[] }[]
  }
  const shards = await Promise.all(model.weightsManifest.flatMap(group => group.paths).map(async (path) => {
    const text = await readFile(join(dir, `${path}.min.js`), 'latin1')
    const base64 = /exports="([A-Za-z0-9+/=]+)"/.exec(text)?.[1]
    if (!base64) throw new Error(`${path}.min.js in ${dir} holds no weights`)
    return Buffer.from(base64, 'base64')
  }))
  const weights = Buffer.concat(shards)
  return {
    modelTopology: model.modelTopology,
    weightSpecs: model.weightsManifest.flatMap(group => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  }
}

function evaluateBundle(source: string): unknown {
  const module = { exports: {} as unknown }
  runInNewContext(source, { module, exports: module.exports }, { timeout: 10_000 })
  // Objects of the other context fail TensorFlow.js' `instanceof` checks: bring the plain data over.
  return JSON.parse(JSON.stringify(module.exports))
}
