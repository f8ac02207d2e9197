import type { Language } from '#shared/schemas/common'
import { writingLanguage, type WritingLanguage } from '../../text-language'
import { COLOURS, type ShapeKey } from '../../../server/utils/providers/builtin/interception/shape-vocabulary'
import { MOTION_CODE, MOTION_WORDS_FOR_CHILDREN } from './motion-words'
import { COLOUR_HEX, shapeName, type SketchScene, type SketchShape } from './sketch-scene'

const BACKGROUND = { day: '#f2efe6', night: '#1c2f7a' }

const WORDS: Record<WritingLanguage, { intro: (idea: string) => string, tryIt: string, setup: string, draw: string, background: string, shape: (word: string, colour: string, shape: string, motion: string) => string }> = {
  de: {
    intro: idea => `Deine Idee als p5.js-Skizze: „${idea}“`,
    tryIt: 'Ändere eine Zahl oder eine Farbe und schau, was passiert!',
    setup: 'setup() läuft einmal am Anfang: Es macht die Zeichenfläche, 600 breit und 400 hoch.',
    draw: 'draw() läuft immer wieder, viele Male pro Sekunde: So entsteht Bewegung.',
    background: 'Der Hintergrund übermalt das letzte Bild.',
    shape: (word, colour, shape, motion) => `„${word}“: ${shape} in ${colour} – ${motion}`,
  },
  en: {
    intro: idea => `Your idea as a p5.js sketch: "${idea}"`,
    tryIt: 'Change a number or a colour and see what happens!',
    setup: 'setup() runs once at the start: it makes the canvas, 600 wide and 400 high.',
    draw: 'draw() runs again and again, many times a second: that is how things move.',
    background: 'The background paints over the last picture.',
    shape: (word, colour, shape, motion) => `"${word}": a ${colour} ${shape} that ${motion}`,
  },
}

const n = (value: number) => String(Math.round(value))

/** The p5.js calls that draw a shape centred on (0, 0), with literal numbers a child can change. */
function drawCalls(shape: ShapeKey, size: number): string[] {
  const half = size / 2
  switch (shape) {
    case 'circle': return [`circle(0, 0, ${n(size)})`]
    case 'square': return [`square(${n(-half)}, ${n(-half)}, ${n(size)})`]
    case 'rectangle': return [`rect(${n(-size * 0.7)}, ${n(-half * 0.6)}, ${n(size * 1.4)}, ${n(size * 0.6)})`]
    case 'rectangles': return [-1, 0, 1].map(step => `rect(${n(step * size * 0.6 - size * 0.2)}, ${n(-half - step * 10)}, ${n(size * 0.4)}, ${n(size + step * 10)})`)
    case 'ellipse': return [`ellipse(0, 0, ${n(size * 1.5)}, ${n(size)})`]
    case 'triangle': return [`triangle(${n(-half)}, ${n(half)}, 0, ${n(-half)}, ${n(half)}, ${n(half)})`]
    case 'arc': return [`arc(0, 0, ${n(size * 1.4)}, ${n(size)}, PI, TWO_PI)`]
    case 'star': {
      const points = Array.from({ length: 10 }, (_, index) => {
        const angle = -Math.PI / 2 + index * Math.PI / 5
        const radius = index % 2 === 0 ? half : half * 0.45
        return `vertex(${n(Math.cos(angle) * radius)}, ${n(Math.sin(angle) * radius)})`
      })
      return ['beginShape()', ...points, 'endShape(CLOSE)']
    }
    case 'lines': return [-1, 0, 1].map(step => `line(${n(step * half * 0.7)}, ${n(-half)}, ${n(step * half * 0.7 - 10)}, ${n(half)})`)
    case 'wavyLines': return [-1, 0, 1].map(step => `bezier(${n(-size * 2)}, ${n(step * 20)}, ${n(-size * 0.7)}, ${n(step * 20 - 30)}, ${n(size * 0.7)}, ${n(step * 20 + 30)}, ${n(size * 2)}, ${n(step * 20)})`)
    case 'dots': return [[-1, -0.3], [0, 0.4], [1, -0.1], [-0.5, 0.6], [0.5, -0.6]].map(([dx, dy]) => `circle(${n(dx! * size)}, ${n(dy! * half)}, 12)`)
  }
}

const STROKED: ReadonlySet<ShapeKey> = new Set(['lines', 'wavyLines'])

function shapeBlock(shape: SketchShape, language: WritingLanguage): string[] {
  const colourName = COLOURS[shape.colour][language === 'de' ? 'de' : 'en']
  const colour = COLOUR_HEX[shape.colour]
  const paint = STROKED.has(shape.shape) ? [`noFill()`, `stroke('${colour}')`, `strokeWeight(6)`] : [`noStroke()`, `fill('${colour}')`]
  return [
    `  // ${WORDS[language].shape(shape.word, colourName, shapeName(shape.shape, language), MOTION_WORDS_FOR_CHILDREN[language][shape.motion])}`,
    '  push()',
    `  translate(${shape.x}, ${shape.y})`,
    `  ${MOTION_CODE[shape.motion]}`,
    ...paint.map(line => `  ${line}`),
    ...drawCalls(shape.shape, shape.size).map(line => `  ${line}`),
    '  pop()',
  ]
}

/** A readable p5.js sketch of the scene, with comments for children in their language. */
export function sketchCode(scene: SketchScene, idea: string, language: Language): string {
  const words = WORDS[writingLanguage(language)]
  // The idea stands in a comment: a line break or "*/" in it must not end the comment early.
  const quoted = idea.replace(/\s+/g, ' ').trim().slice(0, 120)
  return [
    `// ${words.intro(quoted)}`,
    `// ${words.tryIt}`,
    '',
    `// ${words.setup}`,
    'function setup() {',
    `  createCanvas(${scene.width}, ${scene.height})`,
    '}',
    '',
    `// ${words.draw}`,
    'function draw() {',
    `  // ${words.background}`,
    `  background('${scene.night ? BACKGROUND.night : BACKGROUND.day}')`,
    ...scene.shapes.flatMap(shape => ['', ...shapeBlock(shape, writingLanguage(language))]),
    '}',
    '',
  ].join('\n')
}
