import type { Node } from 'acorn'

/** What the first frame knows: p5's constants, and a frameCount of 0 (every motion starts still). */
const NAMES: Record<string, number | string> = {
  PI: Math.PI, TWO_PI: Math.PI * 2, HALF_PI: Math.PI / 2, QUARTER_PI: Math.PI / 4, TAU: Math.PI * 2,
  frameCount: 0, CLOSE: 'CLOSE',
}
const FUNCTIONS: Record<string, (...values: number[]) => number> = {
  sin: Math.sin, cos: Math.cos, abs: Math.abs, min: Math.min, max: Math.max, sqrt: Math.sqrt, round: Math.round, floor: Math.floor,
  radians: degrees => degrees * Math.PI / 180,
}

type Value = number | string | undefined

/**
 * The value of an argument in the first frame, when it is made of numbers, strings, p5's
 * constants and a few maths functions; undefined for anything else (variables, mouseX…). No code
 * is ever run: the tree is read, nothing more.
 */
export function valueOf(node: Node, size: { width: number, height: number }): Value {
  const any = node as Node & Record<string, any>
  switch (node.type) {
    case 'Literal': return typeof any.value === 'number' || typeof any.value === 'string' ? any.value : undefined
    case 'Identifier': return any.name === 'width' ? size.width : any.name === 'height' ? size.height : NAMES[any.name]
    case 'UnaryExpression': {
      const value = valueOf(any.argument, size)
      if (typeof value !== 'number') return undefined
      return any.operator === '-' ? -value : any.operator === '+' ? value : undefined
    }
    case 'BinaryExpression': {
      const [left, right] = [valueOf(any.left, size), valueOf(any.right, size)]
      if (typeof left !== 'number' || typeof right !== 'number') return undefined
      switch (any.operator) {
        case '+': return left + right
        case '-': return left - right
        case '*': return left * right
        case '/': return right === 0 ? undefined : left / right
        case '%': return right === 0 ? undefined : left % right
        default: return undefined
      }
    }
    case 'CallExpression': {
      const name = any.callee.type === 'Identifier' ? any.callee.name : undefined
      const values = (any.arguments as Node[]).map(argument => valueOf(argument, size))
      if (!name || !FUNCTIONS[name] || values.some(value => typeof value !== 'number')) return undefined
      const result = FUNCTIONS[name]!(...(values as number[]))
      return Number.isFinite(result) ? result : undefined
    }
    default: return undefined
  }
}
