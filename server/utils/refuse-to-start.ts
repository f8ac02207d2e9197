/** Ends a server that must not run (bad settings, unreachable storage, port taken), saying why in one line. */
export function refuseToStart(reason: string, ...detail: unknown[]): never {
  console.error(`[ai4artsed] refusing to start: ${reason}`, ...detail)
  process.exit(1)
}
