import type { WritingLanguage } from '../../text-language'

/** How a shape moves in the sketch; each becomes one line of p5.js a child can change. */
export type Motion = 'bounce' | 'sway' | 'spin' | 'fall' | 'pulse' | 'float'

const MOTION_WORDS: Array<[Motion, string[]]> = [
  ['bounce', ['jump', 'jumps', 'jumping', 'bounce', 'bounces', 'hop', 'hops', 'springt', 'springen', 'hüpft', 'hüpfen', 'ball', 'spielt', 'play', 'plays']],
  ['sway', ['fly', 'flies', 'flying', 'fliegt', 'fliegen', 'swim', 'swims', 'swimming', 'schwimmt', 'schwimmen', 'drive', 'drives', 'fährt', 'fahren', 'run', 'runs', 'läuft', 'rennt', 'wave', 'waves', 'welle', 'wellen', 'dance', 'dances', 'tanzt', 'tanzen']],
  ['spin', ['spin', 'spins', 'turn', 'turns', 'dreht', 'drehen', 'wheel', 'rad', 'star', 'stern', 'sterne', 'stars', 'wirbelt', 'swirl']],
  ['fall', ['fall', 'falls', 'falling', 'fällt', 'fallen', 'rain', 'regen', 'regnet', 'snow', 'schnee', 'schneit', 'drop', 'tropfen', 'leaf', 'blatt', 'blätter']],
  ['pulse', ['grow', 'grows', 'wächst', 'wachsen', 'heart', 'herz', 'beat', 'breathe', 'atmet', 'shine', 'shines', 'scheint', 'leuchtet', 'glow', 'glows', 'sun', 'sonne', 'love', 'liebe']],
]
const MOTIONS = new Map(MOTION_WORDS.flatMap(([motion, words]) => words.map(word => [word, motion] as const)))

export const motionOf = (word: string): Motion | undefined => MOTIONS.get(word.toLocaleLowerCase())

/** The line that moves a shape, drawn at (0, 0) after it; every motion is still at frame 0, so the thumbnail shows where things are. */
export const MOTION_CODE: Record<Motion, string> = {
  bounce: 'translate(0, -abs(sin(frameCount * 0.08)) * 40)',
  sway: 'translate(sin(frameCount * 0.03) * 80, 0)',
  spin: 'rotate(frameCount * 0.02)',
  fall: 'translate(0, (frameCount * 1.5) % 120)',
  pulse: 'scale(1 + sin(frameCount * 0.1) * 0.15)',
  float: 'translate(0, sin(frameCount * 0.04) * 8)',
}

/** Said in a comment: "…, die hüpft" / "… that bounces". */
export const MOTION_WORDS_FOR_CHILDREN: Record<WritingLanguage, Record<Motion, string>> = {
  de: { bounce: 'hüpft', sway: 'schwingt hin und her', spin: 'dreht sich', fall: 'fällt herunter', pulse: 'pocht wie ein Herz', float: 'schwebt sanft' },
  en: { bounce: 'bounces', sway: 'sways to and fro', spin: 'spins', fall: 'falls down', pulse: 'beats like a heart', float: 'floats gently' },
}
