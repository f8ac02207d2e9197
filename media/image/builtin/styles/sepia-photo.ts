import { parseHex, toHex, toSepia } from '../colour'
import { round } from '../draw/paint'
import { fullRect, GradientBook, svgDocument, textureOverlay } from '../render-svg'
import { paintPlayfulScene } from './playful'
import type { ImageStyle, Scene } from './style'

const MAT = '#ece0c4'

/** Hair-thin light scratches and dark dust: a print that has lived in a drawer for 150 years. */
function wear(scene: Scene): string {
  const { width, height, rand } = scene
  let marks = ''
  for (let index = 0; index < 5; index++) {
    const [x, y, length] = [rand() * width, rand() * height, height * (0.1 + rand() * 0.35)]
    marks += `<path d="M${round(x)},${round(y)}q${round((rand() - 0.5) * 30)},${round(length / 2)} ${round((rand() - 0.5) * 40)},${round(length)}" stroke="#fff8e6" stroke-opacity="0.35" stroke-width="1.2" fill="none"/>`
  }
  for (let index = 0; index < 28; index++) {
    marks += `<circle cx="${round(rand() * width)}" cy="${round(rand() * height)}" r="${round(0.6 + rand() * 1.8)}" fill="#2a1a0c" opacity="${round(0.2 + rand() * 0.4)}"/>`
  }
  return marks
}

/** The cream card of a carte de visite, with an oval opening. */
function cardMount(width: number, height: number): string {
  const [rx, ry] = [width * 0.44, height * 0.45]
  const [cx, cy] = [width / 2, height / 2]
  const oval = `M${round(cx - rx)},${round(cy)}a${round(rx)},${round(ry)} 0 1,0 ${round(rx * 2)},0a${round(rx)},${round(ry)} 0 1,0 ${round(-rx * 2)},0Z`
  return `<path d="M0,0H${width}V${height}H0Z${oval}" fill="${MAT}" fill-rule="evenodd"/>`
    + `<ellipse cx="${round(cx)}" cy="${round(cy)}" rx="${round(rx + 6)}" ry="${round(ry + 6)}" fill="none" stroke="#b08d57" stroke-width="3"/>`
}

export const sepiaPhotoStyle: ImageStyle = {
  textures: ['paper', 'grain'],
  compose(scene) {
    const { width, height, textures } = scene
    const { defs, body } = paintPlayfulScene(scene, { recolour: toSepia, confetti: false })
    const gradients = new GradientBook()
    const shadow = parseHex('#1e1208')
    const vignette = fullRect(width, height, `fill="${gradients.radial('vignette', [[0.45, shadow, 0], [1, shadow, 0.85]], [0.5, 0.5], 0.62)}"`)
    const grain = textures.grain ? textureOverlay(textures.grain, width, height, 'overlay', 0.35) : ''
    const paper = textures.paper ? textureOverlay(textures.paper, width, height, 'multiply', 0.3) : ''
    const fade = fullRect(width, height, `fill="${toHex(toSepia(parseHex('#fff0d0')))}" opacity="0.12"`)
    return svgDocument(width, height, defs + gradients.defs(), body + fade + vignette + grain + wear(scene) + cardMount(width, height) + paper)
  },
}
