/**
 * Turkish words that fold onto a listed word once their ü loses its dots: "gün" (day) would read
 * "gun", "güneş" (sun) nearly "guns". Written with their Turkish letters they keep ü apart (as "y",
 * a spelling no list uses); typed without them ("gun") they are the listed word, as they should be.
 */
const TURKISH_FALSE_FRIENDS = new Set([
  'gün', 'günü', 'günün', 'güne', 'günde', 'günden', 'günler', 'günleri', 'günlük', 'bugün', 'bugünü', 'güneş', 'güneşi',
  'güneşin', 'güneşe', 'güneşte', 'güneşli', 'güneşler', 'gündüz', 'günbatımı', 'doğumgünü',
])
const WORD = /\p{L}+/gu

export function keepTurkishFalseFriendsApart(text: string): string {
  return text.replace(WORD, (word) => {
    const lower = word.toLocaleLowerCase('tr')
    return TURKISH_FALSE_FRIENDS.has(lower) ? lower.replace(/ü/g, 'y') : word
  })
}
