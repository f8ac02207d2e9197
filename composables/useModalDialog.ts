import type { Ref } from 'vue'

/**
 * Drives a native <dialog> as a modal from a boolean: Escape and a tap on the backdrop close it,
 * and `onClose` runs however it was closed, so the page's state never disagrees with the screen.
 */
export function useModalDialog(dialog: Ref<HTMLDialogElement | null>, isOpen: () => boolean, onClose: () => void) {
  watch([isOpen, dialog], ([open, element]) => {
    if (!element) return
    if (open && !element.open) element.showModal()
    else if (!open && element.open) element.close()
  }, { flush: 'post' })

  useEventListener(dialog, 'close', onClose)
  // The dialog has no padding, so a click whose target is the <dialog> itself landed on the backdrop.
  useEventListener(dialog, 'click', (event: MouseEvent) => {
    if (event.target === dialog.value) dialog.value?.close()
  })
}
