// The reference client (npm bittorrent-tracker's Client) against one tracker URL: two clients of
// one torrent start, update, complete, scrape and stop, as bittorrent-tracker's own client tests
// do. No WebRTC is needed: over ws:// each client announces the fake offers of those tests
// ({fake_offer, offer_id}), which a tracker must accept (serve the announce, relay nothing).
//
// Usage: node reference-client.mjs <announce-url>
// Prints what each step saw, one line each, and exits 0; or prints the failure to stderr and exits
// 1. Lines: "interval <seconds>", "counts <step> <complete> <incomplete> <downloaded or ->" and
// "peers <step> [<host:port>...]". Every step waits at most STEP_TIMEOUT_MS; the run stops itself.
import { randomBytes } from 'node:crypto'
import { register } from 'node:module'

register('./no-webrtc.mjs', import.meta.url) // before the client's modules load
const { default: Client } = await import('bittorrent-tracker')

const STEP_TIMEOUT_MS = 10_000
const url = process.argv[2]
if (!url) {
  console.error('usage: node reference-client.mjs <announce-url>')
  process.exit(2)
}
const webSocket = url.startsWith('ws')
const infoHash = randomBytes(20).toString('hex')

/** A client announcing `left` bytes (changed by the steps) from `port`, to `announceUrl`. */
function newClient (port, announceUrl) {
  const state = { left: 1000 }
  const client = new Client({
    infoHash,
    peerId: randomBytes(20).toString('hex'),
    announce: [announceUrl],
    port,
    wrtc: {}, // a stub: only the fake offers below are announced, no peer connection is made
    getAnnounceOpts: () => ({ uploaded: 0, downloaded: 0, left: state.left })
  })
  if (webSocket) {
    // What bittorrent-tracker's test/client.js does: offers that no WebRTC stack made.
    client._trackers[0]._generateOffers = (numwant, cb) => {
      const offers = []
      for (let i = 0; i < numwant; i++) offers.push({ fake_offer: `fake_offer_${i}`, offer_id: `fake_offer_id_${i}` })
      process.nextTick(() => cb(offers))
    }
  }
  const tracker = client._trackers[0]
  const setInterval = tracker.setInterval.bind(tracker)
  tracker.setInterval = ms => { // the re-announce interval the client took from the reply
    client.intervalMs = ms
    setInterval(ms)
  }
  client.peers = []
  client.on('peer', peer => client.peers.push(typeof peer === 'string' ? peer : 'webrtc'))
  client.on('error', err => fail(`client on port ${port}: error: ${err.message ?? err}`))
  client.on('warning', err => fail(`client on port ${port}: warning: ${err.message ?? err}`))
  client.state = state
  return client
}

function fail (message) {
  console.error(`reference-client ${url}: ${message}`)
  process.exit(1)
}

/** Runs `action` and resolves with the next `event` of `client`. */
function step (client, event, what, action) {
  return new Promise(resolve => {
    const timer = setTimeout(() => fail(`no '${event}' within ${STEP_TIMEOUT_MS} ms after ${what}`), STEP_TIMEOUT_MS)
    client.once(event, data => {
      clearTimeout(timer)
      resolve({ complete: data.complete, incomplete: data.incomplete, downloaded: data.downloaded })
    })
    action()
  })
}

/** Lets replies and relays still on the way arrive. */
const settle = () => new Promise(resolve => setTimeout(resolve, 300))

const intervalSeconds = client => Math.round(client.intervalMs / 1000)

const a = newClient(6881, url)
// Clients of one process share a WebSocket per announce URL, but a tracker connection may hold one
// peer id per torrent: b, a second browser as it were, takes another URL of the same tracker.
const b = newClient(6882, webSocket ? `${url.replace(/\/$/, '')}/b` : url)
const seen = {}
seen.aStarted = await step(a, 'update', 'a.start()', () => a.start())
seen.intervalSeconds = intervalSeconds(a)
seen.bStarted = await step(b, 'update', 'b.start()', () => b.start())
await settle()
seen.bPeersAfterStart = [...b.peers]
seen.aUpdated = await step(a, 'update', 'a.update()', () => a.update())
await settle()
seen.aPeersAfterUpdate = [...a.peers]
a.state.left = 0
seen.aCompleted = await step(a, 'update', 'a.complete()', () => a.complete())
seen.scrapeAfterComplete = await step(b, 'scrape', 'b.scrape()', () => b.scrape())
a.peers.length = 0
seen.aStopped = await step(a, 'update', 'a.stop()', () => a.stop())
await settle()
seen.aPeersAfterStop = [...a.peers]
seen.scrapeAfterStop = await step(b, 'scrape', 'b.scrape() after a.stop()', () => b.scrape())
seen.bStopped = await step(b, 'update', 'b.stop()', () => b.stop())
a.destroy()
b.destroy()
for (const [name, value] of Object.entries(seen)) {
  if (name === 'intervalSeconds') console.log(`interval ${value}`)
  else if (Array.isArray(value)) console.log(['peers', name, ...value].join(' '))
  else console.log(`counts ${name} ${value.complete} ${value.incomplete} ${value.downloaded ?? '-'}`)
}
process.exit(0)
