import { Document, NodeIO } from '@gltf-transform/core'
import type { ModelScene } from './model-scene'
import { solidOf } from './solids'

const BASE_COLOUR: [number, number, number, number] = [0.55, 0.57, 0.6, 1]

/** The scene as one binary glTF 2.0 file: a round base, then one node per solid with its own material. */
export async function writeGlb(scene: ModelScene, generator: string): Promise<Buffer> {
  const document = new Document()
  document.getRoot().getAsset().generator = generator
  const buffer = document.createBuffer()
  const root = document.createScene('model')
  const addMesh = (name: string, solid: ReturnType<typeof solidOf>, colour: [number, number, number, number]) => {
    const material = document.createMaterial(name).setBaseColorFactor(colour).setRoughnessFactor(0.7).setMetallicFactor(0)
    const primitive = document.createPrimitive()
      .setAttribute('POSITION', document.createAccessor().setType('VEC3').setArray(new Float32Array(solid.positions)).setBuffer(buffer))
      .setAttribute('NORMAL', document.createAccessor().setType('VEC3').setArray(new Float32Array(solid.normals)).setBuffer(buffer))
      .setIndices(document.createAccessor().setType('SCALAR').setArray(new Uint16Array(solid.indices)).setBuffer(buffer))
      .setMaterial(material)
    return document.createMesh(name).addPrimitive(primitive)
  }
  const base = solidOf('cylinder')
  root.addChild(document.createNode('base').setMesh(addMesh('base', base, BASE_COLOUR)).setScale([5.5, 0.08, 5.5]).setTranslation([0, -0.08, 0]))
  scene.solids.forEach((solid, index) => {
    const angle = (solid.turn * Math.PI) / 360
    const node = document.createNode(`${index + 1} ${solid.word}`)
      .setMesh(addMesh(`${index + 1} ${solid.word}`, solidOf(solid.kind), [...solid.colour, 1]))
      .setTranslation(solid.position)
      .setScale([solid.scale, solid.scale, solid.scale])
      .setRotation([0, Math.round(Math.sin(angle) * 1e5) / 1e5, 0, Math.round(Math.cos(angle) * 1e5) / 1e5])
    root.addChild(node)
  })
  return Buffer.from(await new NodeIO().writeBinary(document))
}
