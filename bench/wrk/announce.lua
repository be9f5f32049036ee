-- wrk script: the HTTP load tester's announce/scrape mix (bench_http_load_config in bench/lib.sh),
-- for bench/http-vs-opentracker.sh with GENERATOR=wrk. Loopback only (the script's URL).
--
--   wrk -tT -c64 -d10 --latency -s bench/wrk/announce.lua URL -- HASHES_FILE close|keep-alive T
--
-- HASHES_FILE: the load tester's info hashes, one 40-digit hex hash per line in popularity order
-- (`aquatic-load-test http -c CONF --info-hashes`, also opentracker's whitelist), so both
-- generators ask about the same torrents; T: wrk's thread count (-t). "close" adds `Connection: close`: the tracker closes
-- after its reply and wrk opens a new connection (and, over https, does a new TLS handshake).
--
-- What it sends, as the Java load tester does: 10,000 torrents (the file's), torrent i drawn with
-- weight 1 / (i + 1) (Zipf s = 1); 100,000 peers, each with a fixed torrent drawn by popularity, a
-- fixed port 1024-65535, a fixed peer id ("-AJ0100-" and the peer number in 12 digits) and seeder
-- with probability 0.75 (left=0, else left=1000000); 80% announces (numwant 50, compact=1,
-- no_peer_id=1; a peer's first announce is event=started, or completed for a seeder, later ones
-- none, 2% stopped after which it joins again) and 20% scrapes of 1-10 hashes drawn by popularity.
-- Where it differs: the random sequences are LuaJIT's math.random, not the Java SplittableRandom
-- streams (same distributions, other draws: peer 7 has another torrent and port than in the Java
-- run); every byte of a hash is percent-encoded (%XX), where the Java writer leaves unreserved
-- bytes raw, so requests are a little longer; the torrent is drawn by binary search over the
-- cumulative weights instead of an alias table; with several wrk threads (-t) each owns the peers
-- p with p % threads == its index, as the Java workers do.
--
-- Replies are not validated like the Java load tester's (no bencode check, so opentracker's
-- unsorted scrape keys are not counted as malformed): a reply with a status of 400 or more (wrk's
-- own count) or a 2xx body with "failure reason" is an error reply. done() prints one SUMMARY line
-- with the keys bench_measured_run reads: responses (replies that are not errors), errors, lost
-- (wrk's connect and write errors and timeouts), malformed (always 0), p99_us (wrk's latency
-- distribution), duration_s; and wrk's socket errors one by one. wrk's read errors are not in lost:
-- wrk reconnects only when a reply says the connection ends (HTTP/1.0, Connection: close), and
-- opentracker answers HTTP/1.1 without Connection: close and then closes, so wrk sends its next
-- request on the closed connection, reads EOF (a read error) and reconnects: against opentracker
-- read_errors is about the number of replies and costs wrk, not the tracker, a wasted write. A
-- connection reset before a reply is complete is a read error too, so look at read_errors against
-- a tracker that says Connection: close (ours: 0 expected).

local TORRENTS = 10000
local PEERS = 100000
local SEEDER_PROBABILITY = 0.75
local STOPPED_PROBABILITY = 0.02
local LEECHER_LEFT = "1000000"
local NUMWANT = 50
local SCRAPE_MAX = 10
local WEIGHT_ANNOUNCE = 80
local WEIGHT_SCRAPE = 20
-- The pool of peers is the same in every thread (one seed); each thread's requests have their own.
local POOL_SEED = 1579
local random = math.random
local floor = math.floor
local concat = table.concat

local threads = {}
local next_index = 0

function setup(thread)
   thread:set("index", next_index)
   next_index = next_index + 1
   threads[#threads + 1] = thread
end

local encoded = {}   -- torrent i (1-based) -> percent-encoded info hash
local cumulative = {} -- cumulative[i] = sum of weights 1 / k for k <= i
local peer_torrent, peer_port, peer_seeder, peer_id, joined = {}, {}, {}, {}, {}
local owned = {}
local tail
failures = 0

local function encode_hex(hex)
   return (hex:gsub("(%x%x)", "%%%1")):upper()
end

local function read_hashes(path)
   local file = assert(io.open(path, "r"), "cannot read " .. tostring(path))
   for line in file:lines() do
      if #line == 40 then encoded[#encoded + 1] = encode_hex(line) end
   end
   file:close()
   assert(#encoded == TORRENTS, "expected " .. TORRENTS .. " hashes in " .. path .. ", got " .. #encoded)
end

-- A torrent (1-based) with probability proportional to 1 / rank.
local function sample_torrent()
   local u = random() * cumulative[TORRENTS]
   local lo, hi = 1, TORRENTS
   while lo < hi do
      local mid = floor((lo + hi) / 2)
      if cumulative[mid] < u then lo = mid + 1 else hi = mid end
   end
   return lo
end

function init(args)
   read_hashes(args[1])
   local total = 0
   for i = 1, TORRENTS do
      total = total + 1 / i
      cumulative[i] = total
   end
   math.randomseed(POOL_SEED)
   for p = 0, PEERS - 1 do
      peer_torrent[p] = sample_torrent()
      peer_port[p] = random(1024, 65535)
      peer_seeder[p] = random() < SEEDER_PROBABILITY
      peer_id[p] = string.format("-AJ0100-%012d", p)
      joined[p] = false
   end
   local threads_total = tonumber(args[3]) or 1
   local index = wrk.thread:get("index")
   for p = index, PEERS - 1, threads_total do owned[#owned + 1] = p end
   math.randomseed(POOL_SEED + 1 + index)
   local host = wrk.host .. ":" .. wrk.port
   tail = " HTTP/1.1\r\nHost: " .. host .. "\r\n" .. (args[2] == "close" and "Connection: close\r\n" or "") .. "\r\n"
end

local function announce()
   local p = owned[random(#owned)]
   local event
   if not joined[p] then
      joined[p] = true
      event = peer_seeder[p] and "&event=completed" or "&event=started"
   elseif random() < STOPPED_PROBABILITY then
      joined[p] = false
      event = "&event=stopped"
   else
      event = ""
   end
   return concat({ "GET /announce?info_hash=", encoded[peer_torrent[p]], "&peer_id=", peer_id[p],
      "&port=", peer_port[p], "&uploaded=0&downloaded=0&left=", peer_seeder[p] and "0" or LEECHER_LEFT,
      event, "&numwant=", NUMWANT, "&compact=1&no_peer_id=1", tail })
end

local function scrape()
   local parts = { "GET /scrape" }
   for i = 1, random(SCRAPE_MAX) do
      parts[#parts + 1] = (i == 1) and "?info_hash=" or "&info_hash="
      parts[#parts + 1] = encoded[sample_torrent()]
   end
   parts[#parts + 1] = tail
   return concat(parts)
end

function request()
   if random(WEIGHT_ANNOUNCE + WEIGHT_SCRAPE) <= WEIGHT_ANNOUNCE then return announce() end
   return scrape()
end

function response(status, headers, body)
   if status < 400 and body and body:find("failure reason", 1, true) then failures = failures + 1 end
end

function done(summary, latency, requests)
   local failed = 0
   for _, thread in ipairs(threads) do failed = failed + (tonumber(thread:get("failures")) or 0) end
   local e = summary.errors
   local errors = e.status + failed
   io.write(string.format(
      "SUMMARY protocol=http generator=wrk duration_s=%.3f responses=%d errors=%d lost=%d malformed=0 p99_us=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
      summary.duration / 1e6, summary.requests - errors, errors, e.connect + e.write + e.timeout,
      latency:percentile(99), e.connect, e.read, e.write, e.timeout))
end
