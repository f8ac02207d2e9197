import { randomInt } from 'node:crypto'
import type { Language } from '#shared/schemas/common'

// German adjectives in the masculine strong form, because every animal below is masculine.
const COLOURS: [de: string, en: string][] = [
  ['Blauer', 'Blue'], ['Roter', 'Red'], ['Grüner', 'Green'], ['Gelber', 'Yellow'], ['Lila', 'Purple'],
  ['Oranger', 'Orange'], ['Goldener', 'Golden'], ['Silberner', 'Silver'], ['Bunter', 'Colourful'], ['Türkiser', 'Turquoise'],
]
const ANIMALS: [de: string, en: string][] = [
  ['Otter', 'Otter'], ['Fuchs', 'Fox'], ['Dachs', 'Badger'], ['Igel', 'Hedgehog'], ['Biber', 'Beaver'],
  ['Pinguin', 'Penguin'], ['Panda', 'Panda'], ['Luchs', 'Lynx'], ['Hase', 'Hare'], ['Wal', 'Whale'],
  ['Delfin', 'Dolphin'], ['Falke', 'Falcon'], ['Rabe', 'Raven'], ['Papagei', 'Parrot'], ['Elefant', 'Elephant'],
  ['Tiger', 'Tiger'], ['Bär', 'Bear'], ['Wolf', 'Wolf'], ['Koala', 'Koala'], ['Frosch', 'Frog'],
]

/** A friendly made-up name such as "Blue Otter 12": no personal data, easy to read out in class. */
export function drawPseudonym(language: Language): string {
  const index = language === 'de' ? 0 : 1
  const colour = COLOURS[randomInt(COLOURS.length)]![index]
  const animal = ANIMALS[randomInt(ANIMALS.length)]![index]
  return `${colour} ${animal} ${randomInt(1, 100)}`
}
