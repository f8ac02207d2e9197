import type { Perspective } from './schemas/perspective'
import type { ReflectionQuestion } from './schemas/reflection'

/**
 * The questions every perspective asks after a result unless its data file brings its own:
 * idea → rules → result, then what the child would try next. Answering is always optional.
 */
export const DEFAULT_REFLECTION_QUESTIONS: readonly ReflectionQuestion[] = [
  {
    id: 'rules_changed',
    question: {
      de: 'Was haben die Regeln von {perspective} an deiner Idee verändert?',
      en: 'What did the rules of {perspective} change about your idea?',
      tr: '{perspective} kuralları fikrinde neyi değiştirdi?',
      uk: 'Що правила {perspective} змінили у твоїй ідеї?',
    },
    chips: [
      { id: 'colours', label: { de: 'Die Farben', en: 'The colours', tr: 'Renkleri', uk: 'Кольори' } },
      { id: 'shapes', label: { de: 'Die Formen', en: 'The shapes', tr: 'Şekilleri', uk: 'Форми' } },
      { id: 'mood', label: { de: 'Die Stimmung', en: 'The mood', tr: 'Havası', uk: 'Настрій' } },
      { id: 'everything', label: { de: 'Fast alles', en: 'Almost everything', tr: 'Neredeyse her şeyi', uk: 'Майже все' } },
      { id: 'little', label: { de: 'Nur wenig', en: 'Only a little', tr: 'Sadece biraz', uk: 'Зовсім трохи' } },
    ],
  },
  {
    id: 'as_imagined',
    question: {
      de: 'Sieht das Ergebnis so aus, wie du es dir vorgestellt hast?',
      en: 'Does the result look the way you imagined it?',
      tr: 'Sonuç hayal ettiğin gibi mi görünüyor?',
      uk: 'Результат такий, як ти уявляв(-ла)?',
    },
    chips: [
      { id: 'yes', label: { de: 'Ja, genau', en: 'Yes, exactly', tr: 'Evet, tam olarak', uk: 'Так, точно' } },
      { id: 'partly', label: { de: 'Ein bisschen', en: 'A bit', tr: 'Biraz', uk: 'Трохи' } },
      { id: 'surprise', label: { de: 'Eine Überraschung!', en: 'A surprise!', tr: 'Bir sürpriz!', uk: 'Сюрприз!' } },
      { id: 'no', label: { de: 'Gar nicht', en: 'Not at all', tr: 'Hiç değil', uk: 'Зовсім ні' } },
    ],
  },
  {
    id: 'change_next',
    question: {
      de: 'Was würdest du als Nächstes ändern?',
      en: 'What would you change next?',
      tr: 'Bir sonraki adımda neyi değiştirirdin?',
      uk: 'Що б ти змінив(-ла) наступного разу?',
    },
    chips: [
      { id: 'idea', label: { de: 'Meine Idee', en: 'My idea', tr: 'Fikrimi', uk: 'Мою ідею' } },
      { id: 'rules', label: { de: 'Die Regeln', en: 'The rules', tr: 'Kuralları', uk: 'Правила' } },
      { id: 'other_perspective', label: { de: 'Eine andere Perspektive', en: 'Another perspective', tr: 'Başka bir bakış açısı', uk: 'Інший погляд' } },
      { id: 'nothing', label: { de: 'Nichts, es ist toll', en: 'Nothing, it’s great', tr: 'Hiçbir şey, harika', uk: 'Нічого, це чудово' } },
    ],
  },
]

/** The questions asked after a result of this perspective. */
export function reflectionQuestionsOf(perspective: Pick<Perspective, 'reflection'> | undefined): readonly ReflectionQuestion[] {
  return perspective?.reflection ?? DEFAULT_REFLECTION_QUESTIONS
}
