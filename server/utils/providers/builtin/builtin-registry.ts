import type { SafetyTermList } from '#shared/schemas/safety'
import { allMedia } from '../../../../media/server-registry'
import type { ProviderRegistry } from '../registry'
import { BuiltinInterceptionProvider } from './interception/builtin-interception'
import { BuiltinSafetyProvider } from './safety/builtin-safety'
import { BuiltinTranslationProvider } from './translation'

/** The offline default: every stage works with no network, no GPU and no settings. */
export function builtinProviders(safetyLists: SafetyTermList[]): ProviderRegistry {
  const safety = new BuiltinSafetyProvider(safetyLists)
  const generators = allMedia().flatMap(medium => medium.builtinProviders())
  return {
    inputSafety: safety,
    interception: new BuiltinInterceptionProvider(),
    translation: new BuiltinTranslationProvider(),
    preOutputSafety: safety,
    generators: new Map(generators.map(generator => [generator.id, generator])),
  }
}
