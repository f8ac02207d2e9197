import type { SceneElement } from '../composition'
import type { Palette } from '../palette'
import type { Backdrop } from '../scene-words'
import type { TextureKind } from '../texture'

/** Everything a style needs to paint one picture. */
export interface Scene {
  width: number
  height: number
  elements: SceneElement[]
  palette: Palette
  backdrop: Backdrop
  /** Seeded: the same prompt and seed always draw the same picture. */
  rand: () => number
  /** Data URIs of the textures the style asked for. */
  textures: Partial<Record<TextureKind, string>>
}

export interface ImageStyle {
  textures: TextureKind[]
  /** Returns a complete SVG document. */
  compose(scene: Scene): string
}
