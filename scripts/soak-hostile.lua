-- wrk script for `MIX=hostile bash scripts/soak.sh`: the longest queries a URI
-- can hold (about 60 KiB), polluted and percent-encoded, and the largest body
-- the default limit allows, beside ordinary webhooks. Classified like
-- scripts/soak.lua; anything else counts as unexpected.

local query = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle" ..
  "&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
local sample = '{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=",' ..
  '"Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,' ..
  '"FromRoomInfo":{"RoomId":"pk-3","Score":120,"Owner_Account":144115245353757792},' ..
  '"ToRoomList":[{"RoomId":"pk-5","Score":80,"Owner_Account":144115245442327522}],"EventTime":1739956146119}'
local json = { ["Content-Type"] = "application/json" }
local ok_ack = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}'

-- 5000 repeated SdkAppid (55 KiB): 403/1001.
local repeated = query .. string.rep("&SdkAppid=1", 5000)
-- 4000 percent-encoded junk pairs around a foreign app (56 KiB): 403/1003.
local escaped = string.rep("%41%42=%43%44&", 4000) ..
  "SdkAppid=1400000002&CallbackCommand=Live.CallbackAfterEndBattle"
-- An accepted webhook whose body is padded to the 64 KiB limit.
local padded = sample .. string.rep(" ", 64 * 1024 - #sample)

local rotation = {
  wrk.format("POST", "/tencent/callback?" .. repeated, json, sample),
  wrk.format("POST", "/tencent/callback?" .. query, json, sample),
  wrk.format("POST", "/tencent/callback?" .. escaped, json, sample),
  wrk.format("POST", "/tencent/callback?" .. query, json, padded),
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  next_index = 0
  counts = { accepted = 0, refused_1001 = 0, refused_1003 = 0, unexpected = 0 }
  shown = 0
end

function request()
  next_index = next_index % #rotation + 1
  return rotation[next_index]
end

local function classify(status, body)
  if status == 200 and body == ok_ack then return "accepted" end
  if status == 403 and body:find('"ErrorCode":1001', 1, true) then return "refused_1001" end
  if status == 403 and body:find('"ErrorCode":1003', 1, true) then return "refused_1003" end
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
    for k, v in pairs(thread:get("counts")) do total[k] = (total[k] or 0) + v end
  end
  local e = summary.errors
  io.write("== soak summary (hostile mix)\n")
  io.write(string.format("requests %d in %.1f s (%.0f/s)\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  for _, k in ipairs({ "accepted", "refused_1001", "refused_1003", "unexpected" }) do
    io.write(string.format("  %-16s %d\n", k, total[k] or 0))
  end
  io.write(string.format("latency p50 %.0f us, p90 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
  io.write(string.format("unexpected %d\n", (total.unexpected or 0) + e.connect + e.read + e.write + e.timeout))
end
