-- report.lua: wrk's summary of one run as a single line that bench/run parses.
--
-- BENCH requests=N rps=R p50_ms=A p99_ms=B errors=E non2xx=S
-- errors counts connect, read, write and timeout errors; non2xx the
-- responses whose status was not 2xx or 3xx.
function done(summary, latency, requests)
	local e = summary.errors
	local seconds = summary.duration / 1e6
	io.write(string.format(
		"BENCH requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
		summary.requests, summary.requests / seconds,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		e.connect + e.read + e.write + e.timeout, e.status))
end
