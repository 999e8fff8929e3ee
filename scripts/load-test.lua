-- wrk script for scripts/load-test.sh: rotates realistic application bodies (one JSON per line in BODIES)
-- and sends every request with a unique Idempotency-Key, so each one records a new decision.
local bodies = {}
local counter = 0
local thread_id = 0
local auth = ""
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("BODIES")
  for line in io.lines(path) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  thread_id = tid
  auth = "Bearer " .. os.getenv("API_KEY")
  wrk.method = "POST"
  math.randomseed(os.time() + tid)
  counter = math.random(1, #bodies)
end

function request()
  counter = counter + 1
  local body = bodies[(counter % #bodies) + 1]
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
    ["Idempotency-Key"] = string.format("lt-%s-%d-%d", os.getenv("RUN_ID") or "x", thread_id, counter),
  }
  return wrk.format(nil, nil, headers, body)
end

local non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\n") end
  end
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
