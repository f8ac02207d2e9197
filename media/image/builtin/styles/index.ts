import type { StyleFamily } from '../style-family'
import { bauhausStyle } from './bauhaus'
import { blueprintStyle } from './blueprint'
import { minimalStyle } from './minimal'
import { collageStyle } from './collage'
import { playfulStyle } from './playful'
import { renaissanceStyle } from './renaissance'
import { sepiaPhotoStyle } from './sepia-photo'
import type { ImageStyle } from './style'

export const IMAGE_STYLES: Record<StyleFamily, ImageStyle> = {
  playful: playfulStyle,
  bauhaus: bauhausStyle,
  blueprint: blueprintStyle,
  sepia_photo: sepiaPhotoStyle,
  renaissance: renaissanceStyle,
  minimal: minimalStyle,
  collage: collageStyle,
}
