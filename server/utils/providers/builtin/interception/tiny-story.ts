import type { InterceptionRule } from './interception-rule'
import { type Bilingual, asSentenceContinuation, pick, withoutFinalPunctuation } from './text-tools'

interface StoryParts {
  openings: readonly string[]
  turns: readonly string[]
  endings: readonly string[]
}

export const STORY_PARTS: Bilingual<StoryParts> = {
  de: {
    openings: ['Es war einmal, in einem fernen Land, da begann alles so:', 'Es war einmal, hinter sieben Bergen, da fing es so an:', 'Vor langer, langer Zeit begann die Geschichte so:', 'Es war einmal, an einem stillen Morgen, da gab es das hier:'],
    turns: ['Eines Tages flüsterte der Wind ein Geheimnis, und alles begann zu glitzern.', 'Da öffnete sich plötzlich eine kleine Tür, die noch niemand gesehen hatte.', 'Eines Nachts kam ein sprechender Vogel und zeigte den Weg zum Meer.', 'Doch dann fiel ein Stern vom Himmel und landete mitten im Bild.'],
    endings: ['Und wenn sie nicht gestorben sind, dann träumen sie noch heute.', 'Und seitdem erzählt man sich davon an jedem Lagerfeuer.', 'Und so wurde es das schönste Abenteuer von allen.', 'Und am Ende lachten alle, sogar der Mond.'],
  },
  en: {
    openings: ['Once upon a time, in a land far away, the story began like this:', 'Once upon a time, beyond seven mountains, it all began like this:', 'Long, long ago, this is how it started:', 'Once upon a time, on a quiet morning, there was this:'],
    turns: ['One day the wind whispered a secret, and everything began to sparkle.', 'Suddenly a tiny door opened that nobody had ever seen before.', 'One night a talking bird came and showed the way to the sea.', 'But then a star fell from the sky and landed right in the picture.'],
    endings: ['And they lived happily ever after.', 'And ever since, people tell of it around every campfire.', 'And so it became the greatest adventure of all.', 'And in the end everyone laughed, even the moon.'],
  },
}

/** Erzähl eine Geschichte: the idea becomes the heart of a tiny fairy tale. */
export const tellATinyStory: InterceptionRule = ({ idea, language, random }) => {
  const parts = STORY_PARTS[language]
  const core = asSentenceContinuation(withoutFinalPunctuation(idea), language)
  return `${pick(random, parts.openings)} ${core}. ${pick(random, parts.turns)} ${pick(random, parts.endings)}`
}
