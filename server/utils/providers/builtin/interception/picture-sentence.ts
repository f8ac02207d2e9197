import type { Language } from '#shared/schemas/common'
import type { Perspective } from '#shared/schemas/perspective'

type Sentence = (name: string, pictures: number) => string

/** One picture is transformed; two or three are fused into one. Said in the child's language. */
const TRANSFORMED: Record<Language, Sentence> = {
  de: name => `Dein Bild wird im Blick von „${name}“ verwandelt.`,
  en: name => `Your picture is transformed through the eyes of “${name}”.`,
  tr: name => `Resmin „${name}“ bakış açısıyla dönüştürülüyor.`,
  uk: name => `Твою картинку перетворено в погляді «${name}».`,
}

const FUSED: Record<Language, Sentence> = {
  de: (name, pictures) => `Deine ${pictures} Bilder werden im Blick von „${name}“ zu einem einzigen Bild verschmolzen.`,
  en: (name, pictures) => `Your ${pictures} pictures are fused into one single picture through the eyes of “${name}”.`,
  tr: (name, pictures) => `${pictures} resmin „${name}“ bakış açısıyla tek bir resimde birleştiriliyor.`,
  uk: (name, pictures) => `Твої ${pictures} картинки злито в одну картинку в погляді «${name}».`,
}

/**
 * What the perspective does with the student's pictures, for the interception text the student
 * reads before generating: honest about the picture, in the run's language. Null without pictures.
 */
export function pictureSentence(perspective: Pick<Perspective, 'name'>, language: Language, pictures: number): string | null {
  if (pictures <= 0) return null
  const name = perspective.name[language] || perspective.name.en
  return (pictures === 1 ? TRANSFORMED : FUSED)[language](name, pictures)
}
