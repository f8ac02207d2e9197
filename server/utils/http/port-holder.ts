import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

export interface PortHolder {
  pid: number
  /** The process's command line, as `ps` shows it. */
  command: string
}

const LISTEN = '0A'

/** Inodes of the sockets listening on `port`, from a /proc/net/tcp{,6} table. */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = []
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/)
    const localPort = fields[1]?.split(':')[1]
    if (fields[3] === LISTEN && localPort && Number.parseInt(localPort, 16) === port) inodes.push(fields[9]!)
  }
  return inodes
}

/**
 * Which process listens on `port`, where the OS tells (Linux, same user or root); null anywhere
 * else. Synchronous: it runs while the process is about to exit.
 */
export function findPortHolder(port: number, proc = '/proc'): PortHolder | null {
  const inodes = new Set<string>()
  for (const table of ['tcp', 'tcp6']) {
    try {
      for (const inode of listeningInodes(readFileSync(`${proc}/net/${table}`, 'utf8'), port)) inodes.add(inode)
    }
    catch { /* no such table: not Linux, or no IPv6 */ }
  }
  if (inodes.size === 0) return null
  const sockets = new Set([...inodes].map(inode => `socket:[${inode}]`))
  let pids: string[]
  try {
    pids = readdirSync(proc).filter(name => /^\d+$/.test(name))
  }
  catch {
    return null
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue
    let fds: string[]
    try {
      fds = readdirSync(`${proc}/${pid}/fd`)
    }
    catch {
      continue // another user's process: not permitted
    }
    for (const fd of fds) {
      let target: string
      try {
        target = readlinkSync(`${proc}/${pid}/fd/${fd}`)
      }
      catch {
        continue
      }
      if (sockets.has(target)) return { pid: Number(pid), command: readCommand(proc, pid) }
    }
  }
  return null
}

function readCommand(proc: string, pid: string): string {
  try {
    return readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
  }
  catch {
    return ''
  }
}

/** The start-up message for a port another process already listens on. */
export function portTakenMessage(port: number, holder: PortHolder | null): string {
  const by = holder ? ` by ${describeHolder(holder)}` : ''
  return `Port ${port} is already in use${by}. Stop that process or start with PORT=<another port>.`
}

function describeHolder({ pid, command }: PortHolder): string {
  const [program, ...args] = command.split(' ')
  if (!program) return `pid ${pid}`
  const name = program.split('/').pop()
  return args.length > 0 ? `${name} (pid ${pid}, ${args.join(' ')})` : `${name} (pid ${pid})`
}
