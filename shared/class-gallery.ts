import type { LocalizedText } from './schemas/common'
import type { RunOutputView } from './schemas/run'
import type { ReflectionAnswer } from './schemas/run'
import type { ReflectionQuestion } from './schemas/reflection'

/** One tile of the class gallery: what a classmate sees of a published run (idea, rules, result; no name, no pictures in). */
export interface ClassGalleryItem {
  run_id: string
  published_at: string
  perspective: string
  /** The student's own rules: written for a perspective that takes them, or changed from a perspective's. */
  rules: string | null
  input_text: string
  interception_text: string | null
  /** Only the released output and its thumbnail: a classmate's device may read nothing else of the run. */
  output: Omit<RunOutputView, 'sketch_url'>
  /** The viewer made it. */
  mine: boolean
}

/** Where one of the student's own runs stands with the class gallery (on the run's status view). */
export interface ClassGalleryState {
  suggested: boolean
  published: boolean
}

/** The reflection card's content: the questions of the run's perspective and the answers so far. */
export interface ReflectionView {
  perspective_name: LocalizedText
  questions: ReflectionQuestion[]
  answers: ReflectionAnswer[]
}
