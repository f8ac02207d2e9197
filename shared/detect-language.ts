import type { Language } from './schemas/common'

type MarkedLanguage = Exclude<Language, 'uk'>

// Short function words are the surest sign of a language in a sentence of a few words.
const MARKERS: Record<MarkedLanguage, Set<string>> = {
  de: new Set(('der die das den dem des ein eine einen einem einer und oder mit im in am auf unter über '
    + 'ist sind war hat haben wird ich du er sie es wir ihr nicht kein keine zu vom zum zur von für '
    + 'auch aber wie wo was wer sehr ganz schön groß klein mein dein sein ihre unser auf aus bei nach').split(' ')),
  en: new Set(('the a an and or with in on at under over is are was has have will i you he she it we they '
    + 'not no to of from for also but how where what who very big small my your his her our out by after '
    + 'this that these those there').split(' ')),
  tr: new Set(('bir ve ile bu şu o çok en da de mi ne için gibi var yok ben sen biz siz onlar benim senin onun '
    + 'bizim büyük küçük ama veya sonra önce içinde üstünde altında yanında değil her hiç kadar daha').split(' ')),
}
// Letters only Turkish writes (ğ, ı, ş; ç also in French, but not in German or English).
const TURKISH_LETTERS = /[ğışçİ]/u
const GERMAN_LETTERS = /[äß]/u
const SHARED_UMLAUTS = /[öü]/u
const CYRILLIC = /\p{Script=Cyrillic}/gu
const LATIN = /\p{Script=Latin}/gu

/**
 * The language an idea is written in, or null when its words do not tell (then the UI language
 * counts). Cyrillic counts as Ukrainian: the term lists tell Russian apart (builtin-safety.ts).
 */
export function detectLanguage(text: string): Language | null {
  const cyrillic = text.match(CYRILLIC)?.length ?? 0
  if (cyrillic > 0 && cyrillic >= (text.match(LATIN)?.length ?? 0)) return 'uk'
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  const score = (language: MarkedLanguage) => words.filter(word => MARKERS[language].has(word)).length
  if (GERMAN_LETTERS.test(text)) return 'de'
  if (TURKISH_LETTERS.test(text)) return 'tr'
  const scores = { de: score('de'), en: score('en'), tr: score('tr') }
  // ö and ü are German and Turkish: the function words decide, German when they do not.
  if (SHARED_UMLAUTS.test(text)) return scores.tr > scores.de ? 'tr' : 'de'
  const best = Math.max(scores.de, scores.en, scores.tr)
  const leaders = (Object.keys(scores) as MarkedLanguage[]).filter(language => scores[language] === best)
  return leaders.length === 1 ? leaders[0]! : null
}
