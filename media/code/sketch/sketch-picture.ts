import { type Node, parse } from 'acorn'
import { valueOf } from './sketch-expression'

export const DEFAULT_CANVAS = { width: 100, height: 100 }
const MAX_ELEMENTS = 2000
const SAFE_COLOUR = /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i

interface Paint { fill: string | null, stroke: string | null, weight: number }
type Call = { name: string, args: Node[] }

const f = (value: number) => Number(value.toFixed(2))

/** p5 colour arguments (grey, grey+alpha, r g b, r g b a, or a CSS colour string) as an SVG colour; null when unknown. */
function colourOf(values: Array<number | string | undefined>): string | null {
  if (typeof values[0] === 'string') return SAFE_COLOUR.test(values[0]) ? values[0] : null
  const numbers = values.filter((value): value is number => typeof value === 'number').map(value => Math.max(0, Math.min(255, Math.round(value))))
  if (numbers.length !== values.length || numbers.length === 0) return null
  if (numbers.length <= 2) return `rgb(${numbers[0]},${numbers[0]},${numbers[0]})`
  return `rgb(${numbers[0]},${numbers[1]},${numbers[2]})`
}

/** The top-level calls of a function's body, in order (loops and conditions are not followed). */
function callsIn(body: Node[]): Call[] {
  return body.flatMap((statement) => {
    const expression = (statement as Node & { expression?: Node & { callee?: Node & { name?: string }, arguments?: Node[] } }).expression
    if (statement.type !== 'ExpressionStatement' || expression?.type !== 'CallExpression' || expression.callee?.type !== 'Identifier') return []
    return [{ name: expression.callee.name!, args: expression.arguments ?? [] }]
  })
}

function functionBody(program: Node, name: string): Node[] {
  for (const statement of (program as Node & { body: Node[] }).body) {
    const declaration = statement as Node & { id?: { name: string }, body?: { body: Node[] } }
    if (statement.type === 'FunctionDeclaration' && declaration.id?.name === name) return declaration.body!.body
  }
  return []
}

/**
 * The sketch's first frame as SVG, read from its code without running it: setup()'s canvas size,
 * then draw()'s calls whose arguments are numbers (background, fill, stroke, circle, ellipse,
 * rect, square, triangle, line, quad, arc, bezier, beginShape/vertex/endShape, push/pop,
 * translate, rotate, scale). What depends on variables, loops or the mouse is left out. Null when
 * the code does not parse.
 */
export function sketchSvg(code: string): string | null {
  let program: Node
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' })
  }
  catch {
    return null
  }
  const size = { ...DEFAULT_CANVAS }
  for (const call of callsIn(functionBody(program, 'setup'))) {
    if (call.name !== 'createCanvas') continue
    const [width, height] = call.args.map(arg => valueOf(arg, size))
    if (typeof width === 'number' && typeof height === 'number' && width >= 1 && height >= 1 && width <= 4000 && height <= 4000) Object.assign(size, { width: Math.round(width), height: Math.round(height) })
  }
  const elements: string[] = []
  const stack: Array<{ paint: Paint, transform: string }> = []
  let paint: Paint = { fill: '#ffffff', stroke: '#000000', weight: 1 }
  let transform = ''
  let shape: number[] = []
  const style = () => `fill="${paint.fill ?? 'none'}" stroke="${paint.stroke ?? 'none'}" stroke-width="${f(paint.weight)}"${transform ? ` transform="${transform.trim()}"` : ''}`
  const add = (element: string) => { if (elements.length < MAX_ELEMENTS) elements.push(element) }

  for (const { name, args } of callsIn(functionBody(program, 'draw'))) {
    const values = args.map(arg => valueOf(arg, size))
    const numbers = values.every(value => typeof value === 'number') ? values as number[] : null
    const [a = 0, b = 0, c = 0, d = 0, e = 0, g = 0, h = 0, i = 0] = numbers ?? []
    switch (name) {
      case 'background': { const colour = colourOf(values); if (colour) add(`<rect x="0" y="0" width="${size.width}" height="${size.height}" fill="${colour}"/>`); break }
      case 'fill': paint = { ...paint, fill: colourOf(values) ?? paint.fill }; break
      case 'noFill': paint = { ...paint, fill: null }; break
      case 'stroke': paint = { ...paint, stroke: colourOf(values) ?? paint.stroke }; break
      case 'noStroke': paint = { ...paint, stroke: null }; break
      case 'strokeWeight': if (numbers) paint = { ...paint, weight: a }; break
      case 'push': stack.push({ paint, transform }); break
      case 'pop': ({ paint, transform } = stack.pop() ?? { paint, transform }); break
      // Motions depend on frameCount: in the first frame they are still, and unknown values move nothing.
      case 'translate': if (numbers) transform += ` translate(${f(a)} ${f(b)})`; break
      case 'rotate': if (numbers) transform += ` rotate(${f(a * 180 / Math.PI)})`; break
      case 'scale': if (numbers) transform += ` scale(${f(a)} ${f(numbers.length > 1 ? b : a)})`; break
      case 'circle': if (numbers) add(`<circle cx="${f(a)}" cy="${f(b)}" r="${f(Math.abs(c) / 2)}" ${style()}/>`); break
      case 'ellipse': if (numbers) add(`<ellipse cx="${f(a)}" cy="${f(b)}" rx="${f(Math.abs(c) / 2)}" ry="${f(Math.abs(numbers.length > 3 ? d : c) / 2)}" ${style()}/>`); break
      case 'rect': if (numbers) add(`<rect x="${f(Math.min(a, a + c))}" y="${f(Math.min(b, b + (numbers.length > 3 ? d : c)))}" width="${f(Math.abs(c))}" height="${f(Math.abs(numbers.length > 3 ? d : c))}" ${style()}/>`); break
      case 'square': if (numbers) add(`<rect x="${f(a)}" y="${f(b)}" width="${f(Math.abs(c))}" height="${f(Math.abs(c))}" ${style()}/>`); break
      case 'point': if (numbers) add(`<circle cx="${f(a)}" cy="${f(b)}" r="${f(Math.max(1, paint.weight / 2))}" fill="${paint.stroke ?? 'none'}"${transform ? ` transform="${transform.trim()}"` : ''}/>`); break
      case 'line': if (numbers) add(`<line x1="${f(a)}" y1="${f(b)}" x2="${f(c)}" y2="${f(d)}" ${style()}/>`); break
      case 'triangle': if (numbers) add(`<polygon points="${[a, b, c, d, e, g].map(f).join(' ')}" ${style()}/>`); break
      case 'quad': if (numbers) add(`<polygon points="${[a, b, c, d, e, g, h, i].map(f).join(' ')}" ${style()}/>`); break
      case 'bezier': if (numbers) add(`<path d="M${f(a)} ${f(b)} C${[c, d, e, g, h, i].map(f).join(' ')}" ${style()}/>`); break
      case 'arc': {
        if (!numbers || numbers.length < 6) break
        const [rx, ry] = [Math.abs(c) / 2, Math.abs(d) / 2]
        const point = (angle: number) => `${f(a + Math.cos(angle) * rx)} ${f(b + Math.sin(angle) * ry)}`
        const large = ((g - e) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) > Math.PI ? 1 : 0
        add(`<path d="M${f(a)} ${f(b)} L${point(e)} A${f(rx)} ${f(ry)} 0 ${large} 1 ${point(g)} Z" ${style()}/>`)
        break
      }
      case 'beginShape': shape = []; break
      case 'vertex': if (numbers) shape.push(a, b); break
      case 'endShape': {
        const closed = values[0] === 'CLOSE'
        if (shape.length >= 4) add(`<${closed ? 'polygon' : 'polyline'} points="${shape.map(f).join(' ')}" ${closed ? style() : style().replace(/^fill="[^"]*"/, 'fill="none"')}/>`)
        shape = []
        break
      }
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}">${elements.join('')}</svg>`
}
