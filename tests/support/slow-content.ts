import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeTempDir } from './server'

/**
 * A school content folder that replaces the default image output with the largest size the
 * schema allows, so generating takes seconds: long enough to cancel, kill or time out mid-run.
 */
export function slowImageContentDir(): string {
  const dir = makeTempDir('ai4artsed-content-')
  mkdirSync(join(dir, 'outputs'), { recursive: true })
  writeFileSync(join(dir, 'outputs', 'image_builtin.json'), JSON.stringify({
    id: 'image_builtin', name: { de: 'Bild', en: 'Image' }, media_type: 'image', provider: 'builtin_image',
    model: 'procedural-v1', default: true, parameters: { width: 4096, height: 4096 },
  }))
  return dir
}

/**
 * A data dir whose content adds a big-picture output (`image_slow`): generating it takes long
 * enough that a SIGKILL or SIGTERM reliably lands in the middle of it.
 */
export function dataDirWithSlowOutput(): string {
  const dataDir = makeTempDir()
  mkdirSync(join(dataDir, 'content', 'outputs'), { recursive: true })
  writeFileSync(join(dataDir, 'content', 'outputs', 'image_slow.json'), JSON.stringify({
    id: 'image_slow', name: { de: 'Großes Bild', en: 'Big picture' }, media_type: 'image', provider: 'builtin_image',
    parameters: { width: 3072, height: 3072 },
  }))
  return dataDir
}
