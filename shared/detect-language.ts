import type { Language } from './schemas/common'

// Short function words are the surest sign of a language in a sentence of a few words.
const MARKERS: Record<Language, Set<string>> = {
  de: new Set(('der die das den dem des ein eine einen einem einer und oder mit im in am auf unter über '
    + 'ist sind war hat haben wird ich du er sie es wir ihr nicht kein keine zu vom zum zur von für '
    + 'auch aber wie wo was wer sehr ganz schön groß klein mein dein sein ihre unser auf aus bei nach').split(' ')),
  en: new Set(('the a an and or with in on at under over is are was has have will i you he she it we they '
    + 'not no to of from for also but how where what who very big small my your his her our out by after '
    + 'this that these those there').split(' ')),
}

/** The language an idea is written in, or null when its words do not tell (then the UI language counts). */
export function detectLanguage(text: string): Language | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  if (/[äöüß]/i.test(text)) return 'de'
  const score = (language: Language) => words.filter(word => MARKERS[language].has(word)).length
  const de = score('de')
  const en = score('en')
  if (de === en) return null
  return de > en ? 'de' : 'en'
}
