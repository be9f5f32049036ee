#!/usr/bin/env node
// A file transfer between two real WebTorrent clients (the webtorrent package's browser build),
// each in its own headless Chromium with its own profile, that can meet only through one tracker.
// Used by aquatic-cli's WebtorrentTransferIT; runs by hand too:
//
//   node transfer.mjs prepare --data FILE --announce ws://127.0.0.1:PORT --torrent OUT.torrent
//       writes a private single-file torrent of FILE whose only announce URL is the tracker and
//       prints infoHash=... (so a test can act on the hash before any client starts)
//   node transfer.mjs run --data FILE --torrent T.torrent --workdir DIR --timeout-ms N
//       [--ca-cert CA.pem] [--chromium /usr/lib/chromium/chromium]
//       starts a seeder of FILE and a leecher of T.torrent, waits until the leecher has the whole
//       file or N ms have passed, and prints what each peer saw and the sha256 of the leecher's
//       copy (key=value lines; details as JSON on stderr). With --ca-cert the browsers trust that CA (an NSS database in a
//       throw-away HOME per browser), as they would a real one: no certificate check is switched
//       off.
//
// Exit status: 0 when the run was carried out (whether or not the file arrived: the caller
// judges), 2 on bad arguments, 1 when the run itself could not be carried out. Browsers are closed
// on every path; all traffic stays on 127.0.0.1 (every other host name resolves to nothing).
import { spawnSync } from 'node:child_process'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import createTorrent from 'create-torrent'
import parseTorrent from 'parse-torrent'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
const TORRENT_NAME = 'aquatic-e2e.bin'
const PIECE_LENGTH = 64 * 1024
const CREATED_BY = 'aquatic-java e2e'
const BROWSER_START_TIMEOUT_MS = 30000

function usage (message) {
  console.error(`transfer.mjs: ${message}`)
  process.exit(2)
}

function parseArgs (argv) {
  const [command, ...rest] = argv
  const options = {}
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i].startsWith('--') || rest[i + 1] === undefined) usage(`bad argument ${rest[i]}`)
    options[rest[i].slice(2)] = rest[i + 1]
  }
  return { command, options }
}

function required (options, name) {
  if (options[name] === undefined) usage(`--${name} is required`)
  return options[name]
}

// The options that decide the info dictionary; the seeder page creates its torrent with the same
// ones, so both peers hold the same info hash.
function createOptions (announce) {
  return { name: TORRENT_NAME, pieceLength: PIECE_LENGTH, private: true, announce: [announce], createdBy: CREATED_BY }
}

async function prepare (options) {
  const data = await readFile(required(options, 'data'))
  const announce = required(options, 'announce')
  const torrentFile = await new Promise((resolve, reject) => {
    createTorrent(Object.assign(data, { name: TORRENT_NAME }), { ...createOptions(announce), creationDate: 1 },
      (err, torrent) => err ? reject(err) : resolve(torrent))
  })
  const parsed = await parseTorrent(torrentFile)
  if (parsed.announce.length !== 1 || parsed.announce[0] !== announce) {
    throw new Error(`torrent announces ${JSON.stringify(parsed.announce)}, not only ${announce}`)
  }
  await writeFile(required(options, 'torrent'), torrentFile)
  printProperties({ infoHash: parsed.infoHash, length: parsed.length })
}

// Serves the page, the webtorrent bundle, the seeder's data and the leecher's torrent on loopback.
async function serve (data, torrentFile) {
  const routes = {
    '/': { type: 'text/html', body: await readFile(path.join(here, 'page.html')) },
    '/webtorrent.min.js': {
      type: 'text/javascript',
      body: await readFile(path.join(here, 'node_modules', 'webtorrent', 'dist', 'webtorrent.min.js'))
    },
    '/data': { type: 'application/octet-stream', body: data },
    '/torrent': { type: 'application/x-bittorrent', body: torrentFile },
    '/favicon.ico': { type: 'image/x-icon', body: Buffer.alloc(0) }
  }
  const server = http.createServer((request, response) => {
    const route = routes[new URL(request.url, 'http://127.0.0.1').pathname]
    if (!route) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  return server
}

function certutil (...args) {
  const result = spawnSync('certutil', args, { encoding: 'utf8' })
  if (result.error || result.status !== 0) {
    throw new Error(`certutil ${args.join(' ')}: ${result.error || result.stderr}`)
  }
}

// A HOME whose NSS database (where Chromium on Linux reads locally trusted roots) trusts caCert.
async function homeTrusting (home, caCert) {
  const nssdb = path.join(home, '.pki', 'nssdb')
  await mkdir(nssdb, { recursive: true })
  certutil('-N', '-d', `sql:${nssdb}`, '--empty-password')
  certutil('-A', '-d', `sql:${nssdb}`, '-n', 'aquatic-e2e-test-ca', '-t', 'C,,', '-i', caCert)
}

async function launch (role, options) {
  const home = path.join(options.workdir, `${role}-home`)
  await mkdir(home, { recursive: true })
  if (options['ca-cert']) await homeTrusting(home, options['ca-cert'])
  const browser = await chromium.launch({
    executablePath: options.chromium || '/usr/lib/chromium/chromium',
    headless: true,
    timeout: BROWSER_START_TIMEOUT_MS,
    env: { ...process.env, HOME: home },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // loopback WebRTC: a fake microphone whose prompt is accepted, and no mDNS host names
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
      // nothing but loopback: every host name other than 127.0.0.1 fails to resolve
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'
    ]
  })
  const page = await browser.newPage()
  const log = []
  page.on('console', message => log.push(`${message.type()}: ${message.text()}`))
  page.on('pageerror', err => log.push(`pageerror: ${err.message}`))
  return { role, browser, page, log }
}

async function stateOf (peer) {
  try {
    return { ...(await peer.page.evaluate(() => window.e2e.state)), log: peer.log }
  } catch (err) {
    return { unreadable: String(err.message), log: peer.log }
  }
}

async function run (options) {
  const timeoutMs = Number(required(options, 'timeout-ms'))
  if (!(timeoutMs > 0)) usage('--timeout-ms must be positive')
  required(options, 'workdir')
  const data = await readFile(required(options, 'data'))
  const torrentFile = await readFile(required(options, 'torrent'))
  const parsed = await parseTorrent(torrentFile)
  const deadline = Date.now() + timeoutMs
  const server = await serve(data, torrentFile)
  const origin = `http://127.0.0.1:${server.address().port}/`
  const peers = []
  const result = { infoHash: parsed.infoHash, announce: parsed.announce, transferred: false }
  try {
    const [seeder, leecher] = await Promise.all(['seeder', 'leecher'].map(role => launch(role, options)))
    peers.push(seeder, leecher)
    for (const peer of peers) {
      await peer.page.goto(origin)
      await peer.page.waitForFunction(() => window.e2eReady === true, null, { timeout: 10000 })
    }
    // Seed first (hashing 5 MB takes a moment), then leech: the leecher's announce finds the seeder.
    await seeder.page.evaluate(opts => window.e2e.seed(opts),
      createOptions(parsed.announce[0]))
    const leechStartedAt = Date.now()
    await leecher.page.evaluate(() => window.e2e.leech())
    try {
      await leecher.page.waitForFunction(() => window.e2e.state.done === true, null,
        { timeout: Math.max(1, deadline - Date.now()), polling: 100 })
      result.transferred = true
      result.seconds = (Date.now() - leechStartedAt) / 1000
    } catch (err) {
      if (err.name !== 'TimeoutError') throw err
    }
  } finally {
    result.seeder = peers[0] ? await stateOf(peers[0]) : null
    result.leecher = peers[1] ? await stateOf(peers[1]) : null
    await Promise.all(peers.map(peer => peer.browser.close().catch(() => {})))
    server.close()
  }
  console.error(JSON.stringify(result, null, 1))
  const properties = { infoHash: result.infoHash, transferred: result.transferred, seconds: result.seconds }
  for (const peer of ['seeder', 'leecher']) {
    const state = result[peer] || {}
    Object.assign(properties, {
      [`${peer}.infoHash`]: state.infoHash,
      [`${peer}.wires`]: state.wires,
      [`${peer}.warnings`]: (state.warnings || []).join(' | '),
      [`${peer}.errors`]: (state.errors || []).concat(state.unreadable || []).join(' | ')
    })
  }
  properties['leecher.bytes'] = result.leecher?.bytes
  properties['leecher.sha256'] = result.leecher?.sha256
  printProperties(properties)
}

// Results go to stdout as Java properties (key=value lines, absent values left out); the details,
// with each page's console, go to stderr as JSON.
function printProperties (properties) {
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null) continue
    const escaped = String(value).replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
    console.log(`${key}=${escaped}`)
  }
}

const { command, options } = parseArgs(process.argv.slice(2))
const commands = { prepare, run }
if (!commands[command]) usage('first argument must be prepare or run')
commands[command](options).catch(err => {
  console.error(`transfer.mjs ${command}: ${err.stack || err}`)
  process.exit(1)
})
