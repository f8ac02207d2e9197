import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Perspective } from '#shared/schemas/perspective'
import { SafetyTermList } from '#shared/schemas/safety'
import { BuiltinSafetyProvider } from '../../server/utils/providers/builtin/safety/builtin-safety'

const ASSETS = fileURLToPath(new URL('../../server/assets/', import.meta.url))

function readJsonDir<T>(dir: string, parse: (value: unknown) => T): T[] {
  return readdirSync(ASSETS + dir).filter(file => file.endsWith('.json')).sort()
    .map(file => parse(JSON.parse(readFileSync(`${ASSETS}${dir}/${file}`, 'utf8'))))
}

/** The perspectives and term lists the server ships, read as the server reads them. */
export const shippedPerspectives = () => readJsonDir('perspectives', value => Perspective.parse(value))
export const shippedSafetyLists = () => readJsonDir('safety', value => SafetyTermList.parse(value))
export const shippedSafety = () => new BuiltinSafetyProvider(shippedSafetyLists())

/** Harmless ideas as children write them, including the ones perspectives used to turn into harm. */
export const HARMLESS_IDEAS = {
  de: [
    'Ein Hund fährt Fahrrad', 'Eine Katze schläft auf dem Sofa', 'Ein Mann mit Kleidung am Strand', 'Ein Junge ohne Messer in der Schule',
    'Niemand wird auf dem Spielplatz verletzt', 'Eine Friedenstaube', 'Ein Nager im Garten', 'Ein Rabe auf dem Dach',
    'Eine Hexe fliegt über den Wald', 'Kaugummi unter dem Tisch', 'Ein großer Elefant im Schnee', 'Ich spiele Fußball mit meinen Freunden',
  ],
  en: [
    'a dog rides a bike', 'a cat sleeps on the sofa', 'a man with clothes on at the beach', 'a boy without a knife at school',
    'nobody gets hurt on the playground', 'a dove of peace', 'a witch flies over the forest', 'chewing gum under the table',
    'a raven on the roof', 'a big elephant in the snow', 'i play football with my friends', 'a happy rabbit in the garden',
  ],
} as const
