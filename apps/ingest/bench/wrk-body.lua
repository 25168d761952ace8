-- wrk script for the ingest benchmark (--generator=wrk): POSTs the pooled SES envelopes, each with a
-- fresh EventBridge id (36 characters at a known offset), and prints a JSON summary when done.
-- Env: WRK_BODIES (file: "<id offset> <body>" per line), WRK_API_KEY, WRK_CONNECTION, WRK_PREFIX.
local bodies, offsets = {}, {}
local counter = 0
local prefix = 0
local headers = {}

function init(args)
  for line in io.lines(os.getenv("WRK_BODIES")) do
    local offset, body = line:match("^(%d+) (.*)$")
    bodies[#bodies + 1] = body
    offsets[#offsets + 1] = tonumber(offset)
  end
  prefix = tonumber(os.getenv("WRK_PREFIX"))
  headers = {
    ["Content-Type"] = "application/json",
    ["x-api-key"] = os.getenv("WRK_API_KEY"),
    ["Connection"] = os.getenv("WRK_CONNECTION"),
  }
end

request = function()
  counter = counter + 1
  local i = (counter % #bodies) + 1
  local body, offset = bodies[i], offsets[i]
  local id = string.format("%08x-0000-4000-8000-%012x", prefix, counter)
  return wrk.format("POST", "/ingest/eventbridge", headers, body:sub(1, offset) .. id .. body:sub(offset + 37))
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,' ..
      '"meanUs":%.1f,"p50Us":%d,"p975Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(97.5), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
