import type { LocalizedText } from './schemas/common'

/**
 * What a child reads when a run is blocked. Never the reason code or the word that matched:
 * the message says kindly that this idea does not work here and what to try instead.
 */
const BLOCKED_MESSAGES = {
  violence: {
    de: 'Diese Idee können wir hier nicht umsetzen. Probier doch, sie ohne Kampf und Verletzungen zu beschreiben!',
    en: 'We can’t make this idea here. Try describing it without fighting or anyone getting hurt!',
    tr: 'Bu fikri burada yapamayız. Onu kavga ve yaralanma olmadan anlatmayı dene!',
    uk: 'Цю ідею ми тут не втілимо. Спробуй описати її без бійок і без того, щоб хтось постраждав!',
  },
  horror: {
    de: 'Das wird uns hier zu gruselig. Wie wäre es mit etwas Geheimnisvollem statt Schaurigem?',
    en: 'That’s a bit too scary for here. How about something mysterious instead of creepy?',
    tr: 'Bu burası için biraz fazla korkutucu. Ürkütücü yerine gizemli bir şeye ne dersin?',
    uk: 'Це трохи застрашно для нас. Може, щось таємниче замість моторошного?',
  },
  sexual: {
    de: 'Diese Idee passt nicht in unsere Werkstatt. Probier ein anderes Motiv aus!',
    en: 'This idea doesn’t fit our workshop. Try a different subject!',
    tr: 'Bu fikir atölyemize uymuyor. Başka bir konu dene!',
    uk: 'Ця ідея не підходить до нашої майстерні. Спробуй іншу тему!',
  },
  self_harm: {
    de: 'Diese Idee setzen wir hier nicht um. Wenn dich etwas bedrückt, sprich mit jemandem, dem du vertraust.',
    en: 'We won’t make this idea here. If something is bothering you, talk to someone you trust.',
    tr: 'Bu fikri burada yapmıyoruz. Seni üzen bir şey varsa, güvendiğin biriyle konuş.',
    uk: 'Цю ідею ми тут не робимо. Якщо тебе щось турбує, поговори з людиною, якій ти довіряєш.',
  },
  hate: {
    de: 'Hier sollen sich alle wohlfühlen. Beschreib deine Idee doch mit freundlichen Worten!',
    en: 'Everyone should feel welcome here. Try describing your idea with kind words!',
    tr: 'Burada herkes kendini iyi hissetmeli. Fikrini nazik kelimelerle anlatmayı dene!',
    uk: 'Тут усім має бути добре. Спробуй описати свою ідею добрими словами!',
  },
  extremism: {
    de: 'Zeichen und Sprüche, die Menschen ausgrenzen, malen wir hier nicht. Wie wäre es mit einem Zeichen für Zusammenhalt?',
    en: 'We don’t make signs and slogans that shut people out. How about a sign for sticking together?',
    tr: 'İnsanları dışlayan işaretler ve sloganlar yapmıyoruz. Birlikte olmanın işaretine ne dersin?',
    uk: 'Ми не малюємо знаків і гасел, які відштовхують людей. Може, знак того, що ми разом?',
  },
  bullying: {
    de: 'Über echte Menschen machen wir hier keine gemeinen Bilder. Erfinde doch eine Figur und erzähl, was sie Schönes erlebt!',
    en: 'We don’t make mean pictures about real people. Make up a character instead and tell us about something nice that happens to them!',
    tr: 'Gerçek insanlar hakkında kötü resimler yapmıyoruz. Bunun yerine bir karakter uydur ve ona olan güzel bir şeyi anlat!',
    uk: 'Ми не робимо злих картинок про справжніх людей. Придумай краще персонажа і розкажи, що гарного з ним стається!',
  },
  drugs: {
    de: 'Diese Idee können wir hier nicht umsetzen. Probier doch ein anderes Thema!',
    en: 'We can’t make this idea here. Why not try a different topic?',
    tr: 'Bu fikri burada yapamayız. Başka bir konu denesene!',
    uk: 'Цю ідею ми тут не втілимо. Може, спробуєш іншу тему?',
  },
  profanity: {
    de: 'Ein paar Wörter passen hier nicht. Probier doch, es freundlicher zu sagen!',
    en: 'Some words don’t fit here. Try saying it in a friendlier way!',
    tr: 'Bazı kelimeler buraya uymuyor. Daha nazik söylemeyi dene!',
    uk: 'Деякі слова тут не підходять. Спробуй сказати це приязніше!',
  },
  machine_mistake: {
    de: 'Hier hat die Maschine einen Fehler gemacht, nicht du! Probier eine andere Perspektive oder ändere deine Idee ein bisschen.',
    en: 'The machine made a mistake here, not you! Try another perspective or change your idea a little.',
    tr: 'Burada makine bir hata yaptı, sen değil! Başka bir bakış açısı dene ya da fikrini biraz değiştir.',
    uk: 'Тут помилилася машина, а не ти! Спробуй іншу перспективу або трохи зміни свою ідею.',
  },
  personal_data: {
    de: 'Echte Namen und Adressen bleiben bei uns. Erfinde doch einen Namen!',
    en: 'Real names and addresses stay with us. Make up a name instead!',
    tr: 'Gerçek isimler ve adresler bizde kalır. Bunun yerine bir isim uydur!',
    uk: 'Справжні імена й адреси залишаються в нас. Придумай краще ім’я!',
  },
  image_unsafe: {
    de: 'Dieses Bild zeigen wir hier lieber nicht – das hat die Maschine so gemalt, nicht du. Probier es noch einmal oder mit einer anderen Idee!',
    en: 'We’d rather not show this picture here – the machine drew it that way, not you. Try again or try a different idea!',
    tr: 'Bu resmi burada göstermeyelim – makine onu böyle çizdi, sen değil. Tekrar dene ya da başka bir fikir dene!',
    uk: 'Цю картинку ми краще не показуватимемо – так її намалювала машина, а не ти. Спробуй ще раз або з іншою ідеєю!',
  },
  // The idea is written in a language no term list covers (e.g. Arabic or Russian letters) and no
  // safety model is configured: kids and youth runs are refused, never waved through.
  language_unchecked: {
    de: 'Ideen in dieser Sprache können wir hier noch nicht prüfen. Schreib sie doch auf Deutsch, Englisch, Türkisch oder Ukrainisch!',
    en: 'We can’t check ideas in this language here yet. Try writing it in German, English, Turkish or Ukrainian!',
    tr: 'Bu dildeki fikirleri burada henüz kontrol edemiyoruz. Fikrini Almanca, İngilizce, Türkçe ya da Ukraynaca yazmayı dene!',
    uk: 'Ідеї цією мовою ми тут поки не можемо перевірити. Спробуй написати німецькою, англійською, турецькою або українською!',
  },
  safety_unavailable: {
    de: 'Die Sicherheitsprüfung ist gerade nicht erreichbar. Versuch es gleich noch einmal oder frag deine Kursleitung.',
    en: 'The safety check isn’t available right now. Try again in a moment or ask your course leader.',
    tr: 'Güvenlik kontrolüne şu anda ulaşılamıyor. Birazdan tekrar dene ya da kurs liderine sor.',
    uk: 'Перевірка безпеки зараз недоступна. Спробуй ще раз за хвилинку або запитай свого керівника курсу.',
  },
} as const satisfies Record<string, LocalizedText>

export type BlockedReasonCode = keyof typeof BLOCKED_MESSAGES

/**
 * When several reasons apply, the one that matters most decides the child's message: self-harm
 * first (its message points to a trusted adult), then sexual content, violence, hate, the rest.
 */
const REASON_PRIORITY: readonly string[] = ['self_harm', 'sexual', 'violence', 'hate', 'extremism', 'bullying', 'drugs', 'horror', 'profanity']

/** Lower is more important; a code not named above comes after all that are. */
export function reasonPriority(reasonCode: string): number {
  const rank = REASON_PRIORITY.indexOf(reasonCode)
  return rank >= 0 ? rank : REASON_PRIORITY.length
}

export const BLOCKED_REASON_CODES = Object.keys(BLOCKED_MESSAGES) as BlockedReasonCode[]

const FALLBACK_MESSAGE: LocalizedText = {
  de: 'Diese Idee können wir hier nicht umsetzen. Probier doch, sie freundlicher zu beschreiben!',
  en: 'We can’t make this idea here. Try describing it in a friendlier way!',
  tr: 'Bu fikri burada yapamayız. Onu daha nazik anlatmayı dene!',
  uk: 'Цю ідею ми тут не втілимо. Спробуй описати її приязніше!',
}

export function isBlockedReasonCode(code: string): code is BlockedReasonCode {
  return Object.hasOwn(BLOCKED_MESSAGES, code)
}

/** A fresh copy each time: the caller stores it in the run and may change it there. */
export function blockedMessage(reasonCode: string): LocalizedText {
  return { ...(isBlockedReasonCode(reasonCode) ? BLOCKED_MESSAGES[reasonCode] : FALLBACK_MESSAGE) }
}
