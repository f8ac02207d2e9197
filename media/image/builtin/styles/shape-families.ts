import type { SceneElement } from '../composition'

/** The few plain figures geometric styles reduce everything to. */
export type PlainFigure = 'circle' | 'square' | 'triangle' | 'half_circle' | 'quarter_circle' | 'bar'

const BY_MOTIF: Record<string, PlainFigure> = {
  sun: 'circle', moon: 'half_circle', creature: 'circle', heart: 'circle', cloud: 'half_circle',
  house: 'square', car: 'square', boat: 'half_circle', tree: 'triangle', mountain: 'triangle', crown: 'triangle',
  sea: 'half_circle', rainbow: 'quarter_circle', star: 'quarter_circle', flower: 'quarter_circle',
  bird: 'bar', bicycle: 'circle', wing: 'quarter_circle',
}

const BY_KIND: Record<SceneElement['kind'], PlainFigure> = {
  circle: 'circle', blob: 'circle', rectangle: 'square', triangle: 'triangle',
  wave: 'half_circle', star: 'quarter_circle', line: 'bar',
}

export function plainFigureOf(element: SceneElement): PlainFigure {
  return element.motif ? BY_MOTIF[element.motif] ?? 'circle' : BY_KIND[element.kind]
}
