-- soak-report.lua: bench/soak's summary of one wrk run, one parseable line, with the 5xx answers counted apart; dofile'd by the soak's request scripts, or used alone for a GET.
--
-- SOAK requests=N p99_ms=B errors=E non2xx=S server_errors=X
-- errors counts connect, read, write and timeout errors; non2xx the
-- answers whose status was not 2xx or 3xx; server_errors those of them
-- that were 5xx (each thread counts its own; done() adds them up).
local soak_threads = {}
local soak_setup = setup	-- a request script's own, if it has one
server_errors = 0

function setup(thread)
	table.insert(soak_threads, thread)
	if soak_setup then
		soak_setup(thread)
	end
end

function response(status, headers, body)
	if status >= 500 then
		server_errors = server_errors + 1
	end
end

function done(summary, latency, requests)
	local e, fives = summary.errors, 0
	for _, thread in ipairs(soak_threads) do
		fives = fives + (thread:get("server_errors") or 0)
	end
	io.write(string.format(
		"SOAK requests=%d p99_ms=%.3f errors=%d non2xx=%d server_errors=%d\n",
		summary.requests, latency:percentile(99) / 1000,
		e.connect + e.read + e.write + e.timeout, e.status, fives))
end
