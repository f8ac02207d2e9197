import { createReadStream, promises as fsp } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

// The baseline of bench/media.mjs: `node static-server.mjs <root> <port>`. Node's http and
// fs.createReadStream with Content-Type and Content-Length, one stat per request, no caching,
// no ETag: the least a file server can do, so our route's cost shows against it.

const root = resolve(process.argv[2])
const port = Number(process.argv[3])
const TYPES = { '.png': 'image/png', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.wav': 'audio/wav', '.mp3': 'audio/mpeg' }

createServer(async (request, response) => {
  const path = join(root, decodeURIComponent(new URL(request.url, 'http://localhost').pathname))
  const stats = path.startsWith(root + sep) ? await fsp.stat(path).catch(() => null) : null
  if (!stats?.isFile()) {
    response.writeHead(404).end()
    return
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': stats.size,
  })
  createReadStream(path).pipe(response)
}).listen(port, '127.0.0.1')
