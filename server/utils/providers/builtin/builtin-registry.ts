import type { SafetyTermList } from '#shared/schemas/safety'
import type { ProviderRegistry } from '../registry'
import { BuiltinSongProvider } from '../../../../media/audio/song/builtin-song'
import { BuiltinCodeProvider } from '../../../../media/code/sketch/builtin-code'
import { BuiltinAudioProvider } from './audio/builtin-audio'
import { BuiltinImageProvider } from './image/builtin-image'
import { BuiltinInterceptionProvider } from './interception/builtin-interception'
import { BuiltinSafetyProvider } from './safety/builtin-safety'
import { BuiltinTranslationProvider } from './translation'

/** The offline default: every stage works with no network, no GPU and no settings. */
export function builtinProviders(safetyLists: SafetyTermList[]): ProviderRegistry {
  const safety = new BuiltinSafetyProvider(safetyLists)
  const generators = [new BuiltinImageProvider(), new BuiltinAudioProvider(), new BuiltinSongProvider(), new BuiltinCodeProvider()]
  return {
    inputSafety: safety,
    interception: new BuiltinInterceptionProvider(),
    translation: new BuiltinTranslationProvider(),
    preOutputSafety: safety,
    generators: new Map(generators.map(generator => [generator.id, generator])),
  }
}
