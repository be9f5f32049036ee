// npm's bittorrent-tracker as a WebSocket-only tracker on a loopback address, for
// bench/ws-vs-bittorrent-tracker.sh. Usage: node server.mjs PORT. Stats page off (it would add an
// HTTP route and per-request bookkeeping our tracker does not have); warnings (bad client
// messages) are not printed so a noisy run does not become a logging benchmark.
import Server from 'bittorrent-tracker/server'

const port = Number(process.argv[2])
const server = new Server({ udp: false, http: false, ws: true, stats: false })
server.on('error', (err) => console.error('error', err.message))
server.on('warning', () => {})
server.listen(port, '127.0.0.1', () => console.log(`bittorrent-tracker ws listening on 127.0.0.1:${port}`))
