import { describe, expect, it } from 'vitest'
import { reduceToShapes } from '../../../../../../../server/utils/providers/builtin/interception/shape-simplifier'
import { makeRequest } from './perspective-fixture'

const simplify = (idea: string, language: 'de' | 'en') => reduceToShapes(makeRequest('p5js_simplifier', idea, language))

describe('reduceToShapes', () => {
  it('turns known nouns into shapes and colours, from top to bottom', () => {
    expect(simplify('The sun shines over a house by the sea', 'en')).toBe(
      'Simple shapes – top: a yellow circle; middle: a red square with a triangle on top; bottom: three blue wavy lines; background: light grey.',
    )
    expect(simplify('Die Sonne scheint über einem Haus am Meer', 'de')).toBe(
      'Einfache Formen – oben: gelber Kreis; Mitte: rotes Quadrat mit Dreieck obendrauf; unten: drei blaue Wellenlinien; Hintergrund: hellgrau.',
    )
  })

  it('uses the colour the child named', () => {
    expect(simplify('a blue cat', 'en')).toContain('a blue ellipse with two small triangles as ears')
    expect(simplify('eine orange Katze und ein lila Auto', 'de')).toContain('orange Ellipse mit zwei kleinen Dreiecken als Ohren, lila Rechteck')
    expect(simplify('ein grünes Haus', 'de')).toContain('grünes Quadrat')
  })

  it('darkens the background at night', () => {
    expect(simplify('a cat at night', 'en')).toContain('background: dark blue')
  })

  it('invents labelled shapes for words it has no shape for', () => {
    const sketch = simplify('Freedom and friendship', 'en')
    expect(sketch).toMatch(/^Simple shapes – middle: an? \w+ \w+ for "Freedom", an? \w+ \w+ for "friendship"; background: light grey\.$/)
    expect(simplify('Freiheit', 'de')).toMatch(/für „Freiheit“/)
  })

  it('does not mistake English words for German nouns', () => {
    expect(simplify('I see a kind cat', 'en')).not.toContain('wavy lines')
  })
})
