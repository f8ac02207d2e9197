type Messages = Record<string, unknown>

const files = import.meta.glob<Messages>('../../locales/*/idea-pictures.lazy.json', { import: 'default' })

/** The picture tray's words (locales/<lang>/idea-pictures.lazy.json), loaded with the tray rather than on the first load. */
export async function loadPictureMessages(merge: (language: string, messages: Messages) => void) {
  await Promise.all(Object.entries(files).map(async ([path, load]) => merge(path.split('/').at(-2)!, await load())))
}
