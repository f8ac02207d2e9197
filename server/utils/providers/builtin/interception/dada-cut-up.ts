import type { InterceptionRule } from './interception-rule'
import { type Bilingual, pickSeveral, shuffled, upperFirst, wordsOf } from './text-tools'

const ABSURD_FRAGMENTS: Bilingual<readonly string[]> = {
  de: [
    'ein Regenschirm aus Käse', 'tick tack Giraffe', 'der Mond im Wasserglas', 'eine Geige aus Seife', 'DADA',
    'gadji beri bimba', 'sieben Hüte tanzen', 'Fahrrad mit Federn', 'die Uhr schmilzt', 'Suppe aus Sternen',
    'ein Fisch mit Schnurrbart', 'hopsasa Schrank', 'Telefon aus Brot', 'blaue Nudel spricht',
  ],
  en: [
    'an umbrella made of cheese', 'tick-tock giraffe', 'the moon in a teacup', 'a violin made of soap', 'DADA',
    'gadji beri bimba', 'seven hats dancing', 'bicycle with feathers', 'the clock is melting', 'soup of stars',
    'a fish with a moustache', 'hop-hop wardrobe', 'telephone made of bread', 'blue noodle talking',
  ],
}

/** Dada cut-up, as Tristan Tzara did it with a hat: the words shuffled, and strange fragments dropped in. */
export const cutUpLikeDada: InterceptionRule = ({ idea, language, random }) => {
  const words = shuffled(random, wordsOf(idea))
  const fragments = pickSeveral(random, ABSURD_FRAGMENTS[language], 2)
  for (const fragment of fragments) {
    words.splice(Math.floor(random() * (words.length + 1)), 0, fragment)
  }
  return `${upperFirst(words.join(' '))}!`
}
