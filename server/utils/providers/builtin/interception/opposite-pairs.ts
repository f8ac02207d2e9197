import type { Bilingual } from './text-tools'

type Pairs = readonly (readonly [string, string])[]

/** Antonyms children use; both directions are looked up. Verb forms are listed because verbs inflect irregularly. */
export const OPPOSITE_PAIRS: Bilingual<Pairs> = {
  de: [
    ['groß', 'klein'], ['riesig', 'winzig'], ['hell', 'dunkel'], ['dunkl', 'hell'], ['heiß', 'kalt'], ['warm', 'kühl'],
    ['alt', 'jung'], ['neu', 'uralt'], ['schnell', 'langsam'], ['laut', 'leise'], ['hoch', 'tief'], ['lang', 'kurz'],
    ['dick', 'dünn'], ['schwer', 'leicht'], ['hart', 'weich'], ['nass', 'trocken'], ['voll', 'leer'], ['reich', 'arm'],
    ['stark', 'schwach'], ['glücklich', 'traurig'], ['fröhlich', 'betrübt'], ['lustig', 'ernst'], ['schön', 'hässlich'],
    ['gut', 'böse'], ['mutig', 'ängstlich'], ['wild', 'zahm'], ['sauber', 'schmutzig'], ['offen', 'geschlossen'],
    ['nah', 'fern'], ['oben', 'unten'], ['vorne', 'hinten'], ['links', 'rechts'], ['drinnen', 'draußen'], ['innen', 'außen'],
    ['früh', 'spät'], ['viel', 'wenig'], ['viele', 'wenige'], 
    ['über', 'unter'], ['vor', 'nach'], ['schwarz', 'weiß'], ['süß', 'sauer'], ['bunt', 'grau'],
    ['ruhig', 'stürmisch'], ['sanft', 'grob'], ['rund', 'eckig'], ['gerade', 'krumm'], ['gesund', 'krank'], ['wach', 'müde'],
    ['satt', 'hungrig'], ['fleißig', 'faul'], ['klug', 'dumm'], ['freundlich', 'mürrisch'], ['eng', 'weit'], ['spitz', 'stumpf'],
    ['glatt', 'rau'], ['echt', 'falsch'], ['erste', 'letzte'], ['billig', 'teuer'], ['lebendig', 'steinern'],
    ['Tag', 'Nacht'], ['Sonne', 'Mond'], ['Sommer', 'Winter'], ['Frühling', 'Herbst'], ['Himmel', 'Erde'], ['Licht', 'Schatten'],
    ['Feuer', 'Wasser'], ['Berg', 'Tal'], ['Land', 'Meer'], ['Anfang', 'Ende'], ['Freund', 'Feind'],
    ['Junge', 'Mädchen'], ['Mann', 'Frau'], ['König', 'Bettler'], ['Riese', 'Zwerg'], ['Katze', 'Hund'], ['Maus', 'Elefant'],
    ['Stadt', 'Dorf'], ['Morgen', 'Abend'], ['Hitze', 'Kälte'], ['Freude', 'Trauer'], ['Ordnung', 'Chaos'], ['Stille', 'Lärm'],
    ['Traum', 'Wirklichkeit'], ['Held', 'Schurke'], ['Wüste', 'Urwald'], ['Eis', 'Glut'], ['Sonnenschein', 'Regen'],
    ['Lachen', 'Weinen'], ['Himmelsblau', 'Erdbraun'], ['Oma', 'Baby'], ['Opa', 'Enkel'],
    ['lachen', 'weinen'], ['lacht', 'weint'], ['lache', 'weine'], ['kommen', 'gehen'], ['kommt', 'geht'], ['öffnen', 'schließen'],
    ['öffnet', 'schließt'], ['schlafen', 'wachen'], ['schläft', 'wacht'], ['steigen', 'fallen'], ['steigt', 'fällt'],
    ['geben', 'nehmen'], ['gibt', 'nimmt'], ['gewinnen', 'verlieren'], ['gewinnt', 'verliert'], ['sitzt', 'steht'],
    ['sitzen', 'stehen'], ['schwimmt', 'sinkt'], ['findet', 'sucht'], ['spielt', 'arbeitet'], ['spielen', 'arbeiten'],
    ['beginnt', 'endet'], ['wächst', 'schrumpft'], ['baut', 'zerlegt'], ['rennt', 'schleicht'], ['rennen', 'schleichen'],
    ['schreit', 'flüstert'], ['kauft', 'verkauft'], ['zieht', 'schiebt'], ['fliegt', 'krabbelt'], ['fliegen', 'krabbeln'],
    ['singt', 'schweigt'],
  ],
  en: [
    ['big', 'small'], ['huge', 'tiny'], ['large', 'little'], ['tall', 'short'], ['hot', 'cold'], ['warm', 'cool'],
    ['light', 'dark'], ['bright', 'dim'], ['old', 'young'], ['new', 'ancient'], ['fast', 'slow'], ['loud', 'quiet'],
    ['high', 'low'], ['long', 'brief'], ['thick', 'thin'], ['heavy', 'weightless'], ['hard', 'soft'], ['wet', 'dry'],
    ['full', 'empty'], ['rich', 'poor'], ['strong', 'weak'], ['happy', 'sad'], ['funny', 'serious'], ['beautiful', 'ugly'],
    ['good', 'bad'], ['kind', 'mean'], ['brave', 'scared'], ['wild', 'tame'], ['clean', 'dirty'], ['open', 'closed'],
    ['near', 'far'], ['up', 'down'], ['above', 'below'], ['over', 'under'], ['inside', 'outside'], ['front', 'back'],
    ['left', 'right'], ['early', 'late'], ['many', 'few'], ['much', 'little'], 
    ['before', 'after'],
    ['black', 'white'], ['sweet', 'sour'], ['colourful', 'grey'], ['colorful', 'gray'], ['calm', 'stormy'],
    ['gentle', 'rough'], ['round', 'square'], ['straight', 'crooked'], ['healthy', 'sick'], ['awake', 'asleep'],
    ['busy', 'lazy'], ['clever', 'silly'], ['friendly', 'grumpy'], ['wide', 'narrow'], ['sharp', 'blunt'], ['first', 'last'],
    ['top', 'bottom'], ['true', 'false'], ['cheap', 'expensive'], ['alive', 'stony'],
    ['day', 'night'], ['sun', 'moon'], ['summer', 'winter'], ['spring', 'autumn'], ['sky', 'earth'], ['shadow', 'sunlight'],
    ['fire', 'water'], ['mountain', 'valley'], ['land', 'sea'], ['beginning', 'end'], ['friend', 'enemy'],
    ['boy', 'girl'], ['man', 'woman'], ['king', 'beggar'], ['giant', 'dwarf'], ['cat', 'dog'], ['mouse', 'elephant'],
    ['city', 'village'], ['morning', 'evening'], ['heat', 'frost'], ['joy', 'sorrow'], ['order', 'chaos'], ['silence', 'noise'],
    ['dream', 'reality'], ['hero', 'villain'], ['desert', 'jungle'], ['ice', 'embers'], ['sunshine', 'rain'],
    ['laughter', 'tears'], ['grandma', 'baby'], ['grandpa', 'grandchild'],
    ['laugh', 'cry'], ['laughs', 'cries'], ['laughing', 'crying'], ['come', 'go'], ['comes', 'goes'], ['coming', 'going'],
    ['opens', 'closes'], ['sleep', 'wake'], ['sleeps', 'wakes'], ['sleeping', 'waking'], ['rise', 'fall'], ['rises', 'falls'],
    ['give', 'take'], ['gives', 'takes'], ['win', 'lose'], ['wins', 'loses'], ['sit', 'stand'], ['sits', 'stands'],
    ['sitting', 'standing'], ['swim', 'sink'], ['swims', 'sinks'], ['swimming', 'sinking'], ['finds', 'searches'],
    ['play', 'work'], ['plays', 'works'], ['playing', 'working'], ['start', 'stop'], ['starts', 'stops'], ['grow', 'shrink'],
    ['grows', 'shrinks'], ['growing', 'shrinking'], ['builds', 'breaks'], ['run', 'creep'], ['runs', 'creeps'],
    ['running', 'creeping'], ['shouts', 'whispers'], ['buys', 'sells'], ['pulls', 'pushes'], ['flies', 'crawls'],
    ['fly', 'crawl'], ['flying', 'crawling'], ['sings', 'hums'],
  ],
}

/** Negations flip one way only: the opposite of "not big" is "big". An empty string drops the word. */
export const NEGATION_FLIPS: Bilingual<Readonly<Record<string, string>>> = {
  de: { nicht: '', kein: 'ein', keine: 'eine', keinen: 'einen', keinem: 'einem', keiner: 'einer', keines: 'eines' },
  en: { not: '', no: 'some', "don't": 'do', "doesn't": 'does', "isn't": 'is', "aren't": 'are', "can't": 'can', "won't": 'will', "didn't": 'did', "wasn't": 'was' },
}

/**
 * Words that say whether something is there at all: inverted, "with clothes" becomes "without
 * clothes" and "nobody gets hurt" becomes "everybody gets hurt". They flip only in ideas that
 * mention no harm (HARM_WORDS), and never in the gentle variant.
 */
export const PRESENCE_PAIRS: Bilingual<Pairs> = {
  de: [['alles', 'nichts'], ['immer', 'nie'], ['jemand', 'niemand'], ['mit', 'ohne'], ['ja', 'nein']],
  en: [['everything', 'nothing'], ['always', 'never'], ['everybody', 'nobody'], ['everyone', 'no one'], ['somebody', 'nobody'], ['with', 'without']],
}

/**
 * Harm, and what keeps it away (clothes), as stems: a word starting with a stem counts. An idea that
 * mentions one keeps its presence words as they are, and no word is ever inverted into one: the
 * opposite of peace is not war here.
 */
export const HARM_WORDS: Bilingual<readonly string[]> = {
  de: [
    'kleid', 'klamott', 'anzug', 'anzüg', 'hose', 'badehose', 'bikini', 'badeanzug', 'angezogen', 'anzieh', 'nackt', 'unterwäsche',
    'messer', 'waffe', 'pistole', 'gewehr', 'schwert', 'bombe', 'munition', 'schieß', 'schuss', 'erschieß', 'granate', 'panzer',
    'verletz', 'wehtu', 'weh', 'schmerz', 'wunde', 'blut', 'tot', 'tote', 'toten', 'tod', 'sterb', 'stirbt', 'töte', 'mord', 'umbring',
    'krieg', 'kampf', 'kämpf', 'schlag', 'schläg', 'prügel', 'streit', 'gewalt', 'gefahr', 'gefährlich', 'unfall',
    'droge', 'alkohol', 'bier', 'schnaps', 'zigarette', 'rauch', 'gift', 'giftig', 'tablette', 'angst', 'mobb', 'ausgelacht',
  ],
  en: [
    'cloth', 'dress', 'shirt', 'pants', 'trousers', 'swimsuit', 'swimwear', 'bikini', 'underwear', 'naked', 'nude', 'undress',
    'knife', 'knives', 'gun', 'guns', 'weapon', 'sword', 'bomb', 'pistol', 'rifle', 'bullet', 'shoot', 'shot', 'grenade', 'tank',
    'hurt', 'injur', 'harm', 'pain', 'pains', 'painful', 'wound', 'blood', 'bleed', 'dead', 'death', 'die', 'dies', 'died', 'dying', 'kill', 'murder',
    'war', 'wars', 'fight', 'hit', 'hits', 'punch', 'beat', 'violen', 'danger', 'accident', 'attack',
    'drug', 'alcohol', 'beer', 'wine', 'drunk', 'cigarette', 'smok', 'poison', 'pills', 'fear', 'afraid', 'bully', 'bullie',
  ],
}

/** Stems of four letters or more match longer words; shorter ones ("war", "gun", "tot") only themselves. */
export function isHarmWord(word: string, language: 'de' | 'en'): boolean {
  const lower = word.toLocaleLowerCase()
  return HARM_WORDS[language].some(stem => lower === stem || (stem.length >= 4 && lower.startsWith(stem)))
}
