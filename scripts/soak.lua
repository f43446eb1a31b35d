-- wrk script for scripts/soak.sh: a mix of webhooks the layer accepts, webhooks
-- it refuses, and requests it passes through, in a fixed rotation per
-- connection. Every answer is classified by what it says; anything that is not
-- one of the expected answers counts as unexpected (and the first few are printed).

local query = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle" ..
  "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
local foreign = query:gsub("SdkAppid=1400000001", "SdkAppid=1400000002")
local sample = '{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=",' ..
  '"Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,' ..
  '"FromRoomInfo":{"RoomId":"pk-3","Score":120,"Owner_Account":144115245353757792},' ..
  '"ToRoomList":[{"RoomId":"pk-5","Score":80,"Owner_Account":144115245442327522}],"EventTime":1739956146119}'
local json = { ["Content-Type"] = "application/json" }
local ok_ack = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'

-- The rotation: 4 accepted, 3 refused, 3 passed through, out of every 10.
local rotation = {
  wrk.format("POST", "/tencent/callback?" .. query, json, sample),
  wrk.format("GET", "/", nil, nil),
  wrk.format("POST", "/tencent/callback?" .. foreign, json, sample),
  wrk.format("POST", "/tencent/callback?" .. query, json, sample),
  wrk.format("POST", "/tencent/callback?" .. query, json, "{not json"),
  wrk.format("GET", "/missing", nil, nil),
  wrk.format("POST", "/tencent/callback?" .. query, json, sample),
  wrk.format("POST", "/tencent/callback?" .. query, json, '{"BattleId":"b","Duration":1.5}'),
  wrk.format("POST", "/tencent/callback?" .. query, json, sample),
  wrk.format("GET", "/", nil, nil),
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  next_index = 0
  counts = { accepted = 0, refused_1003 = 0, refused_3004 = 0, refused_3005 = 0,
             passthrough_200 = 0, passthrough_404 = 0, unexpected = 0 }
  shown = 0
end

function request()
  next_index = next_index % #rotation + 1
  return rotation[next_index]
end

local function classify(status, body)
  if status == 200 and body == ok_ack then return "accepted" end
  if status == 200 and body == "an ordinary route\n" then return "passthrough_200" end
  if status == 404 then return "passthrough_404" end
  if status == 403 and body:find('"ActionStatus":"FAIL"', 1, true) and body:find('"ErrorCode":1003', 1, true) then
    return "refused_1003"
  end
  if status == 400 and body:find('"ErrorCode":3004', 1, true) then return "refused_3004" end
  if status == 400 and body:find('"ErrorCode":3005', 1, true) then return "refused_3005" end
  return "unexpected"
end

function response(status, headers, body)
  local class = classify(status, body)
  counts[class] = counts[class] + 1
  if class == "unexpected" and shown < 5 then
    shown = shown + 1
    io.stderr:write(string.format("unexpected answer: %d %s\n", status, body))
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local classified = 0
  for _, v in pairs(total) do classified = classified + v end
  local e = summary.errors
  io.write("== soak summary\n")
  io.write(string.format("requests %d in %.1f s (%.0f/s)\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  for _, k in ipairs({ "accepted", "refused_1003", "refused_3004", "refused_3005",
                       "passthrough_200", "passthrough_404", "unexpected" }) do
    io.write(string.format("  %-16s %d\n", k, total[k] or 0))
  end
  io.write(string.format("classified %d\n", classified))
  io.write(string.format("latency p50 %.0f us, p90 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
  io.write(string.format("unexpected %d\n", (total.unexpected or 0) + e.connect + e.read + e.write + e.timeout))
end
