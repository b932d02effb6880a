-- wrk: the login form posted again and again (bench/run.sh, one connection).
local body = "login=" .. os.getenv("BENCH_LOGIN") .. "&password=" .. os.getenv("BENCH_PASSWORD")
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("BENCH_ORIGIN")
