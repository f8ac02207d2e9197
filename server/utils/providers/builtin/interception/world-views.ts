import type { InterceptionRule } from './interception-rule'
import { type Bilingual, pick, pickSeveral, upperFirst, withoutFinalPunctuation } from './text-tools'

export const GLOBAL_VIEWS: Bilingual<readonly string[]> = {
  de: [
    'so wie Kinder auf fünf Kontinenten es sich vorstellen würden', 'mit Menschen jeden Alters, jeder Hautfarbe und mit allen Fähigkeiten',
    'mit Mustern aus Textiltraditionen der ganzen Welt', 'in vielen Sprachen zugleich erzählt', 'mit Festen aus Lagos, Lima, Seoul und Hamburg',
    'so, dass alle am Tisch Platz haben', 'mit Rollstuhlrampe, Gebärdensprache und offenen Türen', 'mit Gerichten und Farben aus aller Welt',
  ],
  en: [
    'as children on five continents would imagine it', 'with people of all ages, skin colours and abilities',
    'with patterns from textile traditions around the world', 'told in many languages at once', 'with festivals from Lagos, Lima, Seoul and Hamburg',
    'so that everyone has a place at the table', 'with a wheelchair ramp, sign language and open doors', 'with food and colours from all over the world',
  ],
}

/** One world: the idea opened up so that everyone on Earth can find themselves in it. */
export const openToTheWorld: InterceptionRule = ({ idea, language, random }) => {
  const views = pickSeveral(random, GLOBAL_VIEWS[language], 2)
  const together = language === 'de' ? 'und' : 'and'
  return `${upperFirst(withoutFinalPunctuation(idea))} – ${views[0]} ${together} ${views[1]}.`
}

export const ZOOM_OUTS: Bilingual<readonly string[]> = {
  de: [
    'Zoom hinaus: über die Dächer, das Land, den Kontinent, bis die ganze Erde im All schwebt',
    'von hoch oben aus der Umlaufbahn gesehen, ein winziger Punkt auf dem blauen Planeten',
    'weiter und weiter hinaus, bis Wolken über Ozeane und Kontinente ziehen',
  ],
  en: [
    'Zoom out: over the rooftops, the country, the continent, until the whole Earth floats in space',
    'seen from high up in orbit, a tiny dot on the blue planet',
    'further and further out, until clouds swirl over oceans and continents',
  ],
}

export const PLANETARY_DETAILS: Bilingual<readonly string[]> = {
  de: ['die Nachtseite funkelt mit Städtelichtern', 'Polarlichter tanzen am Rand', 'der Mond schaut aus der Ferne zu', 'alles hängt mit allem zusammen'],
  en: ['the night side sparkles with city lights', 'auroras dance along the edge', 'the moon watches from afar', 'everything is connected to everything'],
}

/** Planetarizer: the idea seen at the scale of the whole planet. */
export const zoomOutToThePlanet: InterceptionRule = ({ idea, language, random }) => {
  const core = upperFirst(withoutFinalPunctuation(idea))
  return `${core}. ${upperFirst(pick(random, ZOOM_OUTS[language]))} – ${pick(random, PLANETARY_DETAILS[language])}.`
}
