import { parse } from 'acorn'
import { describe, expect, it } from 'vitest'
import { BuiltinCodeProvider } from '../../../../media/code/sketch/builtin-code'
import { sketchSvg } from '../../../../media/code/sketch/sketch-picture'
import { sketchScene } from '../../../../media/code/sketch/sketch-scene'
import { parsesAsScript, sketchWords } from '../../../../media/code/sketch/sketch-text'
import { sketchThumbnail } from '../../../../media/code/sketch/sketch-thumbnail'
import sharp from '../../../../server/utils/media/sharp'
import type { OutputConfig } from '#shared/schemas/output'
import type { Perspective } from '#shared/schemas/perspective'

const output = { id: 'code_builtin', media_type: 'code', provider: 'builtin_code', parameters: {} } as unknown as OutputConfig
const perspective = { id: 'p5js_simplifier' } as Perspective

async function sketch(prompt: string, language: 'de' | 'en' = 'en', seed = 3) {
  return (await new BuiltinCodeProvider().generate({ prompt, seed, perspective, output, language })).data.toString('utf8')
}

describe('built-in p5.js sketch', () => {
  it('is the same code for the same prompt and seed, and parses as a script with setup and draw', async () => {
    const code = await sketch('A yellow sun over a red house, a cat jumps')
    expect(await sketch('A yellow sun over a red house, a cat jumps')).toBe(code)
    const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as { body: Array<{ type: string, id?: { name: string } }> }
    expect(program.body.filter(node => node.type === 'FunctionDeclaration').map(node => node.id!.name)).toEqual(['setup', 'draw'])
    expect(() => new Function(code)).not.toThrow()
  })

  it('draws the shapes, colours and motions of the idea', async () => {
    const scene = sketchScene('A blue cat jumps under the sun', 1)
    expect(scene.shapes).toEqual(expect.arrayContaining([
      expect.objectContaining({ word: 'cat', shape: 'ellipse', colour: 'blue', motion: 'bounce' }),
      expect.objectContaining({ word: 'sun', shape: 'circle', colour: 'yellow' }),
    ]))
    const code = await sketch('A blue cat jumps under the sun')
    expect(code).toContain("fill('#2f6fd6')")
    expect(code).toContain('translate(0, -abs(sin(frameCount * 0.08)) * 40)')
    expect(sketchScene('stars at night', 1)).toMatchObject({ night: true })
  })

  it('explains itself to children in their language', async () => {
    expect(await sketch('Eine Katze springt', 'de')).toContain('// Ändere eine Zahl oder eine Farbe')
    expect(await sketch('A cat jumps', 'en')).toContain('// Change a number or a colour')
  })

  it('keeps a prompt with a line break or "*/" inside its comment', async () => {
    const code = await sketch('a cat */ alert(1)\nfetch("x")')
    expect(parsesAsScript(code)).toBe(true)
    expect(code.split('\n').filter(line => line.includes('alert(1)')).every(line => line.startsWith('//'))).toBe(true)
  })

  it('gives the text check its comments and strings, not its code', () => {
    const words = sketchWords("// a friendly cat\nfunction draw() { fill('#ff0000'); text(`hello there`, 1, 2); rect(1, 2, 3, 4) }")
    expect(words.split('\n')).toEqual(['a friendly cat', 'hello there'])
    expect(sketchWords('this is { not code')).toBe('this is { not code')
  })

  it('draws its first frame as a picture without running the code', async () => {
    const code = await sketch('A yellow sun over a red house')
    const svg = sketchSvg(code)!
    expect(svg).toContain('width="600" height="400"')
    expect(svg).toContain('fill="#f7cf2e"')
    expect(svg).toMatch(/<circle cx="0" cy="0" r="35" fill="#f7cf2e"[^>]*transform="translate\(300 88\)/)
    const thumbnail = (await sketchThumbnail(code))!
    const { format, width, height } = await sharp(thumbnail.data).metadata()
    expect({ format, width, height }).toEqual({ format: 'webp', width: 256, height: 171 })
    // The sun is yellow in the picture: the pixel where it stands.
    const { data, info } = await sharp(thumbnail.data).raw().toBuffer({ resolveWithObject: true })
    const at = (Math.round(88 * 256 / 600) * info.width + 128) * info.channels
    expect([data[at], data[at + 1], data[at + 2]]).toEqual([expect.closeTo(247, -1), expect.closeTo(207, -1), expect.closeTo(46, -1)])
  })

  it('never writes a colour string it does not know into the picture', () => {
    const svg = sketchSvg('function draw() { fill(\'red"/><script>alert(1)</script>\'); circle(1, 2, 3) }')!
    expect(svg).not.toContain('script')
  })
})
