-- The soak's mixed traffic, one request kind drawn by weight for each request. Every status is
-- counted (response() below) and the first unexpected answer of each thread is kept, so that a
-- failure says what the service answered, not only how many times.
-- args: a tag that keeps created names unique across runs, the token, the number of seeded
-- employers (ids 1..N), the file holding the upload's multipart body, that body's boundary, and
-- the uploads' share out of 100 (5 unless given; retrieve takes up what it leaves).
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local function encode(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Out of 100; the page's reads dominate, as they would in use.
local weights = { retrieve = 40, list = 10, search = 15, create = 10, patch = 20, upload = 5 }
local order = { "retrieve", "list", "search", "create", "patch", "upload" }

function init(args)
  tag, employers = args[1], tonumber(args[3])
  weights.upload = tonumber(args[6]) or weights.upload
  weights.retrieve = 45 - weights.upload
  local file = assert(io.open(args[4], "rb"))
  upload_body = file:read("*a")
  file:close()
  local auth = "Token " .. args[2]
  get_headers = { Authorization = auth }
  json_headers = { Authorization = auth, ["Content-Type"] = "application/json" }
  upload_headers = { Authorization = auth, ["Content-Type"] = "multipart/form-data; boundary=" .. args[5] }
  -- Terms of bench/lib/seed_*: a common word, a less common one, English, a number, two words.
  searches = {}
  for _, term in ipairs({ "سیستم", "پارس", "studio", "4321", "داده گروه", "كار" }) do
    table.insert(searches, encode(term))
  end
  math.randomseed(tid * 7919)
  n, sent, statuses, failure = 0, {}, {}, nil
end

local function pick()
  local r, sum = math.random(100), 0
  for _, kind in ipairs(order) do
    sum = sum + weights[kind]
    if r <= sum then return kind end
  end
end

local path = "/api/portfolios/employers"
function request()
  n = n + 1
  local kind = pick()
  sent[kind] = (sent[kind] or 0) + 1
  if kind == "retrieve" then
    return wrk.format("GET", path .. "/" .. math.random(employers), get_headers)
  elseif kind == "list" then
    return wrk.format("GET", path .. "?page=" .. math.random(math.floor(employers / 20)), get_headers)
  elseif kind == "search" then
    return wrk.format("GET", path .. "?search=" .. searches[math.random(#searches)], get_headers)
  elseif kind == "create" then
    return wrk.format("POST", path, json_headers,
      '{"name": "کارفرمای سنجش پایداری ' .. tag .. "-" .. tid .. "-" .. n .. '", "description": "ثبت شده در سنجش پایداری"}')
  elseif kind == "patch" then
    return wrk.format("PATCH", path .. "/" .. math.random(employers), json_headers,
      '{"description": "ویرایش ' .. tag .. "-" .. tid .. "-" .. n .. '"}')
  end
  return wrk.format("POST", "/api/core/media", upload_headers, upload_body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if (status < 200 or status > 299) and not failure then
    failure = status .. " " .. string.sub(body or "", 1, 400)
  end
end

function done(summary, latency, requests)
  local total_statuses, total_sent = {}, {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do total_statuses[code] = (total_statuses[code] or 0) + count end
    for kind, count in pairs(thread:get("sent")) do total_sent[kind] = (total_sent[kind] or 0) + count end
    local failed = thread:get("failure")
    if failed then io.write("first unexpected answer: ", failed, "\n") end
  end
  io.write("statuses:")
  for code, count in pairs(total_statuses) do io.write(" ", code, "=", count) end
  io.write("\nsent:")
  for _, kind in ipairs(order) do io.write(" ", kind, "=", total_sent[kind] or 0) end
  io.write("\n")
end
