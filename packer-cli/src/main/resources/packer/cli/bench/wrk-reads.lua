-- The requests of `packer bench run --only server`, sent by wrk: one asset by id (a random one of the
-- ids in PACKER_BENCH_IDS, one per line) or the list page PACKER_BENCH_LIST, with the bearer token a
-- tool sends. done() prints one line for the bench to read; latencies in microseconds.
local target = os.getenv("PACKER_BENCH_TARGET")
local headers = { ["Authorization"] = "Bearer " .. os.getenv("PACKER_BENCH_TOKEN") }
local ids = {}
local list

function init(args)
  for line in io.lines(os.getenv("PACKER_BENCH_IDS")) do
    ids[#ids + 1] = line
  end
  list = wrk.format("GET", "/api/assets?" .. os.getenv("PACKER_BENCH_LIST"), headers)
  math.randomseed(1)
end

function request()
  if target == "list" then
    return list
  end
  return wrk.format("GET", "/api/assets/" .. ids[math.random(#ids)], headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("wrk requests=%d micros=%d p50=%d p99=%d max=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
