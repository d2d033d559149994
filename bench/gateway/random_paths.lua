-- wrk script of the gateway benchmark: each request GETs a path drawn at random from a file of
-- paths, one a line (written by ror_gateway_bench), so that reads spread over the whole directory
-- rather than hit one cached row. At the end, one line "WRK_JSON {…}" the benchmark parses
-- (latencies in microseconds; errors_status counts the answers that were not 2xx or 3xx).
--
--   wrk -t2 -c32 -d10s --latency -s random_paths.lua http://127.0.0.1:PORT -- paths.txt
--
-- The file stays one string, each line found by its offsets: 490,000 paths kept as 490,000 Lua
-- strings made LuaJIT's string table and collector stall wrk's event loop, and wrk counted the
-- stalls as the server's latency (alternate runs on a quiet machine: p99 10–73 ms and max
-- 120–260 ms that way, against p99 5–7 ms and max 41–47 ms this way, for the same reads).

local blob = ""
local starts, ends = {}, {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("seed", thread_count)
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  blob = file:read("*a")
  file:close()
  local at = 1
  while at <= #blob do
    local newline = blob:find("\n", at, true) or (#blob + 1)
    if newline > at then
      starts[#starts + 1] = at
      ends[#ends + 1] = newline - 1
    end
    at = newline + 1
  end
  if #starts == 0 then
    error("no path in " .. args[1])
  end
  -- A different sequence per thread and per run.
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  local k = math.random(#starts)
  return wrk.format("GET", blob:sub(starts[k], ends[k]))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,' ..
      '"p99_us":%d,"max_us":%d,"mean_us":%.1f,"errors_status":%d,"errors_other":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, latency.mean, e.status,
    e.connect + e.read + e.write + e.timeout))
end
