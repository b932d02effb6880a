-- wrk: the mixed workload of bench/run.sh. Per 100 requests: 90 page views,
-- 9 downloads, 1 save. A save is two requests: the commitment page (for the
-- form's version, token and CSRF field), then the post of the EU note; each
-- wrk thread saves its own language of that note, so saves do not conflict.
-- A thread's connections share one script state: only the answer to the form
-- request (the note's page, which no page view asks for) may start a save, or
-- a page view sent before the last save would carry a version that has moved
-- on since.
local cookie = os.getenv("BENCH_COOKIE")
local note = os.getenv("BENCH_NOTE")
local origin = os.getenv("BENCH_ORIGIN")
local view = os.getenv("BENCH_VIEW")
local pages = { "/", "/areas/hpc", "/areas/6g", "/areas/quantum", "/register", "/councils",
                "/areas/hpc/history", "/commitments/" .. view }
local downloads = { "/register.csv", "/register.json", "/register.xlsx?area=hpc" }
local threads = {}
local n, state, form, lang = 0, "idle", nil, "en"

function setup(thread)
  thread:set("lang", #threads == 0 and "en" or "ko")
  table.insert(threads, thread)
end

function init(args)
  lang = wrk.thread:get("lang")
end

local function get(path)
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function request()
  n = n + 1
  if state == "post" then
    state = "posted"
    local body = "csrf=" .. form.csrf .. "&part=eu&in=" .. lang .. "&base_version=" .. form.version ..
                 "&form_token=" .. form.token .. "&summary=bench&note=Benchmark+note+" .. n
    return wrk.format("POST", "/commitments/" .. note .. "/note",
                      { ["Cookie"] = cookie, ["Origin"] = origin,
                        ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
  if n % 100 == 0 and state == "idle" then
    state = "form"
    return get("/commitments/" .. note .. "?in=" .. lang)
  end
  if n % 100 < 9 then
    return get(downloads[n % #downloads + 1])
  end
  return get(pages[n % #pages + 1])
end

local failed = {}

function response(status, headers, body)
  if status >= 400 then
    local what = status .. " after " .. state
    failed[what] = (failed[what] or 0) + 1
  end
  if state == "form" and body then
    -- the page holds the note's form for each language: take this thread's
    local action = '<form method="post" action="/commitments/' .. note .. '/note".-</form>'
    for f in body:gmatch(action) do
      if f:match('name="in" value="(%a+)"') == lang then
        form = { csrf = f:match('name="csrf" value="(%x+)"'), version = f:match('name="base_version" value="(%d+)"'),
                 token = f:match('name="form_token" value="([%w_-]+)"') }
        if form.csrf and form.version and form.token then state = "post" end
      end
    end
  elseif state == "posted" and (status == 303 or status >= 400) then
    state = "idle"
  end
  local list = ""
  for what, count in pairs(failed) do list = list .. what .. ": " .. count .. "; " end
  wrk.thread:set("failed", list)
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local list = thread:get("failed")
    if list and list ~= "" then io.write("failed answers: ", list, "\n") end
  end
end
