import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PersonalDataList } from '#shared/schemas/personal-data'
import { PersonalDataDetector } from '../../../../../../server/utils/safety/personal-data/personal-data-detector'

const ASSETS = join(__dirname, '../../../../../../server/assets/personal_data')
const shipped = readdirSync(ASSETS).filter(file => file.endsWith('.json')).map(file => PersonalDataList.parse(JSON.parse(readFileSync(join(ASSETS, file), 'utf8'))))
const detector = new PersonalDataDetector(shipped)
const found = (text: string) => detector.find(text).spans.map(span => [span.kind, span.text])

describe('personal data detector', () => {
  it.each([
    ['Lisa reitet auf einem Pferd', [['name', 'Lisa']]],
    ['lisa müller ist meine beste freundin', [['name', 'lisa müller']]],
    ['Mehmet Yılmaz spielt Fußball', [['name', 'Mehmet Yılmaz']]],
    ['Fatima und Ahmed bauen eine Sandburg', [['name', 'Fatima'], ['name', 'Ahmed']]],
    ['Oksana malt mit Kacper einen Drachen', [['name', 'Oksana'], ['name', 'Kacper']]],
    ['Mein Hund und mein Freund Max im Park', [['name', 'Max']]],
    ['mein freund max fliegt zum mond', [['name', 'max']]],
    ['my friend Will on a skateboard', [['name', 'Will']]],
    ['Frau Schmidt als Drache', [['name', 'Schmidt']]],
    ['herr özdemir auf einem einhorn', [['name', 'özdemir']]],
    ['Mr Smith riding a bike', [['name', 'Smith']]],
    ['Max Schneider auf dem Mond', [['name', 'Max Schneider']]],
    ['Rose’s garden at night', [['name', 'Rose']]],
    ['Ich heiße Zeynep und male eine Katze', [['name', 'Zeynep']]],
    ['a portrait of Will Smith', [['name', 'Will Smith']]],
    ['Олена малює дракона', [['name', 'Олена']]],
    ['Тарас Шевченко грає у футбол', [['name', 'Тарас Шевченко']]],
    ['мій друг Лев на велосипеді', [['name', 'Лев']]],
    ['мене звати Соломія і я люблю котів', [['name', 'Соломія']]],
    ['Mykola Bondarenko on the moon', [['name', 'Mykola Bondarenko']]],
    ['arkadaşım Elif bir ejderha çiziyor', [['name', 'Elif']]],
  ])('finds the name in %j', (text, expected) => {
    expect(found(text)).toEqual(expected)
  })

  it.each([
    ['Ich wohne in der Musterstraße 12 in Berlin', [['address', 'Musterstraße 12']]],
    ['hauptstr. 5, 80331 München', [['address', 'hauptstr. 5, 80331 München']]],
    ['Wir treffen uns Am Bach 3.', [['address', 'Am Bach 3']]],
    ['Berliner Straße 45a', [['address', 'Berliner Straße 45a']]],
    ['I live at 12 Baker Street', [['address', '12 Baker Street']]],
    ['ruf mich an 0171 1234567', [['phone', '0171 1234567']]],
    ['call +49 30 1234567 now', [['phone', '+49 30 1234567']]],
    ['Tel: 030/12345678', [['phone', '030/12345678']]],
    ['meine nummer ist 12 34 56', [['phone', '12 34 56']]],
    ['schreib an lisa.m@example.de', [['email', 'lisa.m@example.de']]],
  ])('finds the contact in %j', (text, expected) => {
    expect(found(text)).toEqual(expected)
  })

  it.each([
    'a rose in the rain',
    'Eine Rose im Regen',
    'Paris by night',
    'I will paint a castle',
    'Will it rain tomorrow?',
    'Mark my words: a dragon',
    'Der Wolf und die sieben Geißlein',
    'ich bin 10 Jahre alt und male 3 Katzen',
    'Im Jahr 1999 und 2024 auf 1920x1080 Pixel',
    'Am 01.02.2020 um 14:30 Uhr',
    'ein Bild 100 cm mal 70 cm, 0,5 Liter Farbe',
    'Auf dem Spielplatz 3 Kinder',
    'Im Wald 5 Bären',
    'Hans im Glück trifft die Bremer Stadtmusikanten',
    'Die Mona Lisa mit Sonnenbrille',
    'Albert Einstein auf einem Skateboard',
    'Einstein als Astronaut',
    'Frida Kahlo mit Papageien',
    'Sternennacht wie bei van Gogh',
    'Picassos Tauben',
    'Frau Holle schüttelt die Betten',
    'Лев і мороз у лісі',
    'Надія і віра над морем',
    'Червона калина на світанку',
    'Ayda yıldız ve bulut, denizde güneş',
    'Herr der Ringe mit Drachen',
    'Max und Moritz machen Streiche',
    'a dragon called Feuerzahn',
    'ein Drache, der Zorbl heißt',
    'Mein Hund hat 4 Beine',
    'Martin Luther King speaking',
  ])('finds nothing in %j', (text) => {
    expect(found(text)).toEqual([])
  })

  it('names the famous subjects it let pass', () => {
    expect(detector.find('Die Mona Lisa trifft Albert Einstein').famous).toEqual(['Mona Lisa', 'Albert Einstein'])
  })

  it('a first name beside a famous one is still a name', () => {
    expect(found('Lisa und die Mona Lisa')).toEqual([['name', 'Lisa']])
  })

  it('redacts every span with a placeholder in the run’s language', () => {
    const text = 'Lisa Müller wohnt in der Hauptstraße 5, Tel. 0171 1234567'
    expect(detector.redact(text, detector.find(text).spans, 'de')).toBe('[Name] wohnt in der [Adresse], Tel. [Telefonnummer]')
    const english = 'my friend Will lives at 12 Baker Street'
    expect(detector.redact(english, detector.find(english).spans, 'en')).toBe('my friend [Name] lives at [Address]')
  })

  it('takes a school’s own names and famous subjects', () => {
    const school = new PersonalDataDetector([
      ...shipped,
      { id: 'our_class', kind: 'first_names', entries: ['Zorbl'] },
      { id: 'our_artists', kind: 'famous', entries: ['Lisa Schmidt-Kunst'] },
    ])
    expect(school.find('Zorbl malt').spans.map(span => span.text)).toEqual(['Zorbl'])
    expect(school.find('im Stil von Lisa Schmidt-Kunst').spans).toEqual([])
  })
})
