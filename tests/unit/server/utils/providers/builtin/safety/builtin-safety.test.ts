import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { SafetyLevel } from '#shared/schemas/common'
import { SafetyTermList } from '#shared/schemas/safety'
import { BuiltinSafetyProvider } from '../../../../../../../server/utils/providers/builtin/safety/builtin-safety'

const LIST_DIR = fileURLToPath(new URL('../../../../../../../server/assets/safety/', import.meta.url))
const lists = readdirSync(LIST_DIR)
  .filter(file => file.endsWith('.json'))
  .sort()
  .map(file => SafetyTermList.parse(JSON.parse(readFileSync(LIST_DIR + file, 'utf8'))))
const provider = new BuiltinSafetyProvider(lists)

async function reasonAt(level: SafetyLevel, text: string): Promise<string | null> {
  const verdict = await provider.check({ text, level, language: 'de' })
  return verdict.safe ? null : verdict.reason_code
}

function providerWith(terms: string[], severe = false) {
  return new BuiltinSafetyProvider([{ id: 'test', reason_code: 'test', levels: ['kids'], severe, terms }])
}

describe('the term lists', () => {
  it('are there, in German and English, with a real number of terms or patterns each', () => {
    expect(lists.map(list => list.id)).toEqual(expect.arrayContaining(['violence', 'sexual', 'sexual_minors', 'self_harm', 'hate', 'extremism', 'terror', 'bullying', 'drugs', 'horror', 'profanity']))
    for (const list of lists) expect(list.terms.filter(term => !term.startsWith('!')).length + 10 * list.patterns.length).toBeGreaterThanOrEqual(10)
  })

  it('filter the research level only for sexual content with children', () => {
    expect(lists.filter(list => list.levels.includes('research')).map(list => list.id)).toEqual(['sexual_minors'])
  })

  it('only reach the adult level with severe lists', () => {
    for (const list of lists.filter(list => list.levels.includes('adult'))) expect(list.severe).toBe(true)
  })

  it('block at kids whatever blocks at youth', () => {
    for (const list of lists.filter(list => list.levels.includes('youth'))) expect(list.levels).toContain('kids')
  })
})

describe('BuiltinSafetyProvider', () => {
  it('names itself', () => {
    expect(provider.id).toBe('builtin_safety')
    expect(provider.model).toBe('termlists-v2')
  })

  it('reports the reason and the normalised terms that matched', async () => {
    await expect(provider.check({ text: 'Der Ritter will den Drachen TÖTEN und killen', level: 'kids', language: 'de' }))
      .resolves.toMatchObject({ safe: false, reason_code: 'violence', matched: expect.arrayContaining(['toten']) })
    await expect(provider.check({ text: 'Ein Hund im Park', level: 'kids', language: 'de' })).resolves.toEqual({ safe: true })
  })

  it('is strictest for kids', async () => {
    expect(await reasonAt('kids', 'Ein Zombie tanzt im Mondschein')).toBe('horror')
    expect(await reasonAt('youth', 'Ein Zombie tanzt im Mondschein')).toBeNull()
    expect(await reasonAt('youth', 'a zombie with a gun')).toBe('violence')
  })

  it('blocks violence, drugs and swearing for youth but not for adults', async () => {
    for (const text of ['Der Ritter tötet den Drachen', 'a man smoking marijuana', 'what the fuck']) {
      expect(await reasonAt('youth', text)).not.toBeNull()
      expect(await reasonAt('adult', text)).toBeNull()
    }
  })

  it('blocks only the severe lists for adults', async () => {
    expect(await reasonAt('adult', 'a nude figure study in charcoal')).toBeNull()
    expect(await reasonAt('adult', 'a porn scene')).toBe('sexual')
    expect(await reasonAt('adult', 'ein Bild mit Hakenkreuz')).toBe('extremism')
    expect(await reasonAt('adult', 'I want to kill myself')).toBe('self_harm')
  })

  it('lets everything but sexual content with children through at the research level', async () => {
    for (const text of ['a porn scene', 'Heil Hitler', 'kill yourself', 'Zombie mit Pistole', 'a nude figure study']) {
      expect(await reasonAt('research', text)).toBeNull()
    }
    for (const text of ['kinderporno', 'child porn', 'nacktes Kind sexy', 'sexy 12 jährige', 'loli hentai', 'k1nderp0rn0']) {
      expect(await reasonAt('research', text)).toBe('sexual')
    }
  })

  it('checks both languages whatever the UI language', async () => {
    await expect(provider.check({ text: 'ein blutiges Schwert', level: 'kids', language: 'en' })).resolves.toMatchObject({ safe: false })
    await expect(provider.check({ text: 'a bloody sword', level: 'kids', language: 'de' })).resolves.toMatchObject({ safe: false })
  })

  it('reports a severe list before a milder one', async () => {
    expect(await reasonAt('kids', 'fucking porn')).toBe('sexual')
  })

  it.each(['Töten', 'toeten', 'TÖTEN', 'TOETEN', 'tötet', 'getötet'])('catches the umlaut spelling %j', async (word) => {
    expect(await reasonAt('kids', `Der Löwe will ihn ${word}`)).toBe('violence')
  })

  it.each(['kíll', 'kïll', 'zómbie', 'ścheiße'])('catches %j despite its accents', async (word) => {
    expect(await reasonAt('kids', word)).not.toBeNull()
  })

  it.each(['k1ll', 'p0rn', '$h1t', '5ex', 'h3nta1', 'k!ll'])('catches the leetspeak %j', async (word) => {
    expect(await reasonAt('kids', word)).not.toBeNull()
  })

  it.each(['kiiiiill', 'fuuuuuck', 'zooooombie', 'Bluuuut'])('catches the stretched %j', async (word) => {
    expect(await reasonAt('kids', word)).not.toBeNull()
  })

  it.each(['k i l l', 'k.i.l.l', 'k-i-l-l', 's e x', 'p o r n', 'k.i.l.l m.e'])('catches the spelled-out %j', async (text) => {
    expect(await reasonAt('kids', text)).not.toBeNull()
  })

  it('catches German compounds marked as stems', async () => {
    expect(await reasonAt('kids', 'Ein Massenmörder im Film')).toBe('violence')
    expect(await reasonAt('kids', 'Foltermethoden im Mittelalter')).toBe('violence')
    expect(await reasonAt('kids', 'ein Maschinengewehr')).toBe('violence')
  })

  it('catches phrases', async () => {
    expect(await reasonAt('adult', 'then kill yourself')).toBe('self_harm')
    expect(await reasonAt('adult', 'sieg heil!')).toBe('extremism')
  })

  it('matches severe lists fuzzily', async () => {
    expect(await reasonAt('adult', 'suicyde')).toBe('self_harm')
    expect(await reasonAt('adult', 'hakenkraiz')).toBe('extremism')
    expect(await reasonAt('adult', 'a big gangbamg')).toBe('sexual')
  })

  it('matches the profanity list exactly only', async () => {
    expect(await reasonAt('kids', 'bulshit')).toBeNull()
    expect(await reasonAt('kids', 'wixer')).toBeNull()
  })

  it('rejects when the stage was aborted', async () => {
    await expect(provider.check({ text: 'Hund', level: 'kids', language: 'de', signal: AbortSignal.abort() })).rejects.toThrow()
  })
})

describe('term syntax', () => {
  it('matches a stem at the start with a trailing *', async () => {
    const stems = providerWith(['folter*'])
    await expect(stems.check({ text: 'Folterkammer', level: 'kids', language: 'de' })).resolves.toMatchObject({ safe: false, matched: ['folter*'] })
    await expect(stems.check({ text: 'Gefolter', level: 'kids', language: 'de' })).resolves.toEqual({ safe: true })
  })

  it('matches a stem at the end with a leading * and anywhere with both', async () => {
    await expect(providerWith(['*mord']).check({ text: 'Massenmord', level: 'kids', language: 'de' })).resolves.toMatchObject({ safe: false })
    await expect(providerWith(['*mord']).check({ text: 'Mordor', level: 'kids', language: 'de' })).resolves.toEqual({ safe: true })
    await expect(providerWith(['*porno*']).check({ text: 'Kinderpornografie', level: 'kids', language: 'de' })).resolves.toMatchObject({ safe: false })
  })

  it('takes a doubled letter as spelling and three or more as stretching', async () => {
    const doubled = providerWith(['nigger', 'busen', 'rape'])
    for (const text of ['Der Fluss Niger', 'mit den Bussen', 'ein schwarzer Rappe']) {
      await expect(doubled.check({ text, level: 'kids', language: 'de' })).resolves.toEqual({ safe: true })
    }
    await expect(doubled.check({ text: 'buuuusen', level: 'kids', language: 'de' })).resolves.toMatchObject({ safe: false })
  })

  it('never fuzzily flags a word marked with !', async () => {
    const fuzzy = providerWith(['raped', '!rapid'], true)
    await expect(fuzzy.check({ text: 'a rapid river', level: 'kids', language: 'en' })).resolves.toEqual({ safe: true })
    await expect(fuzzy.check({ text: 'rapd', level: 'kids', language: 'en' })).resolves.toMatchObject({ safe: false })
  })

  it('refuses terms it cannot match', () => {
    expect(() => providerWith(['sieg heil*'])).toThrow(/test/)
    expect(() => providerWith(['!two words'])).toThrow(/test/)
    expect(() => providerWith(['**'])).toThrow(/test/)
  })
})

describe('no false alarms for kids on ordinary school sentences', () => {
  it.each([
    'Ein Skill-Tree für die Klasse',
    'Bass und Gitarre spielen im Orchester',
    'Wir malen eine Landschaft mit Kühen',
    'Im Orchester spielt sie Fagott',
    'Der Fluss Niger fließt durch Westafrika',
    'Im Stall steht ein schwarzer Rappe',
    'Die Blüten am Kirschbaum sind rosa',
    'Wir fahren mit den Bussen zum Museum',
    'Oma backt Waffeln mit Puderzucker',
    'Eine Nacktschnecke kriecht über das Salatblatt',
    'Der Zauberer hebt seinen Stab',
    'Er will beim Fußball ein Tor schießen',
    'Die Klassenzimmer sind hell und bunt',
    'Wir basteln aus einer Schachtel ein Haus',
    'Das macht so viel Spaß!',
    'Ein Totempfahl aus Holz',
    'Die Kühe saufen Wasser am Trog',
    'Meine Schwester ist total müde',
    'Ein Selbstporträt mit Wasserfarben',
    'Inspiration für ein Stillleben mit Obst',
    'Der Ansporn der Lehrerin hilft uns',
    'Die Kanäle in Venedig',
    'Ein Pik-Ass und ein Herz-König',
    'Zum Mittag gibt es Shiitake-Pilze',
    'Die Eisbombe schmeckt lecker',
    'Im Sommer spritzen wir mit der Wasserpistole',
    'Der Marsch der Pinguine',
    'Ein Barsch schwimmt im See',
    'Die Schildkröte hat einen harten Panzer',
    'Ein Ritter mit Schwert und Schild reitet zur Burg',
    'Ein Orca wird auch Killerwal genannt',
    'Im Biologieunterricht messen wir den Blutdruck',
    'Eine Blutorange ist innen rot',
    'Wir treffen uns um 3 Uhr, 5 Uhr oder 7 Uhr',
    'Das ist z. B. ein Hund, eine Katze usw.',
    'A B C D E F G H I J K L M N O P Q R S T U V W X Y Z',
    'Die Nager im Zoo fressen Körner',
    'Wir knacken Nüsse im Herbst',
    'Der Pulsar leuchtet im All',
    'Ein schüchterner Igel in der Schlucht',
    'the assassin’s creed',
    'A skill tree for the class',
    'Bass and guitar in the school band',
    'Grapes and a rapid river',
    'The therapist helps people feel better',
    'Scunthorpe is a town in England',
    'A shooting star at night',
    'The killer whale jumps out of the water',
    'Never give up, newer is not always better',
    'A bigger digger at the building site',
    'Texting with friends and setting the table',
    'A bandage on my knee',
    'A maggot turns into a fly',
    'An analysis of the class results',
    'A dam on the river',
    'My granny grows grapes in a cranny',
    'Racing cars and rating the best ones',
    'A pen is mightier than the sword',
    'Pass the ball, Michael!',
    'A knight fights a dragon with a sword',
    'The class assessment in Sussex and Essex',
    'Peacock feathers and a cocktail of juices',
    'We studied Niger and Nigeria in geography',
    'Press the button to start',
  ])('lets through %j', async (text) => {
    expect(await reasonAt('kids', text)).toBeNull()
  })
})
