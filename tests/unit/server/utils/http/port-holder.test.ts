import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { findPortHolder, listeningInodes, portTakenMessage } from '../../../../../server/utils/http/port-holder'

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0BB8 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4444 1 0000000000000000 100 0 0 10 0
`

describe('port holder', () => {
  let server: Server | null = null
  afterEach(() => new Promise<void>(resolve => server ? server.close(() => resolve()) : resolve()))

  it('finds only listening sockets on the port in a /proc/net/tcp table', () => {
    expect(listeningInodes(TABLE, 3000)).toEqual(['4242'])
    expect(listeningInodes(TABLE, 8080)).toEqual(['4444'])
    expect(listeningInodes(TABLE, 1234)).toEqual([])
  })

  it('names the port, the program, its pid and its arguments', () => {
    expect(portTakenMessage(3000, { pid: 1234, command: '/usr/bin/node /srv/app/.output/server/index.mjs' }))
      .toBe('Port 3000 is already in use by node (pid 1234, /srv/app/.output/server/index.mjs). Stop that process or start with PORT=<another port>.')
    expect(portTakenMessage(3000, null)).toBe('Port 3000 is already in use. Stop that process or start with PORT=<another port>.')
  })

  it.runIf(process.platform === 'linux')('finds no holder for its own listening socket, and none for a free port', async () => {
    server = createServer()
    const port = await new Promise<number>(resolve => server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)))
    // The holder search skips this process: it is the one that failed to listen.
    expect(findPortHolder(port)).toBeNull()
    expect(findPortHolder(1)).toBeNull()
  })
})
