-- create.lua: wrk script for bench/run's "create" target: each request POSTs the booking form as the next of many signed-in customers, with a fresh one-time form_key, and the run is reported as report.lua does.
--
-- Argument (after wrk's --): a file with one customer per line,
-- "SESSION CSRF_TOKEN", and the form's other fields, URL-encoded, as
-- the second argument.  Customers take turns, as many people booking at
-- once do: each one's caps (booking_rules.c) count their own bookings.
-- A key is 32 hex digits (booking_rules_key_valid): the thread's
-- number, its counter and a random part, so that no two requests of a
-- run, or of two runs, repeat one (a repeat is answered with the
-- booking it made, and makes none).
local threads = {}
local customers, form, counter = {}, "", 0
thread_id = 0		-- set by setup() for each thread

function setup(thread)
	thread:set("thread_id", #threads + 1)
	table.insert(threads, thread)
end

function init(args)
	for line in io.lines(args[1]) do
		local session, csrf = line:match("^(%S+) (%S+)$")
		if session then
			table.insert(customers, { session = session, csrf = csrf })
		end
	end
	assert(#customers > 0, "create.lua: no customers in " .. args[1])
	form = args[2] or ""
	math.randomseed(os.time() * 1000 + thread_id)
	counter = thread_id		-- threads start on different customers
end

function request()
	counter = counter + 1
	local c = customers[counter % #customers + 1]
	local key = string.format("%04x%08x%010x%010x", thread_id % 0x10000,
		counter, math.random(0, 0xffffffff), math.random(0, 0xffffffff))
	return wrk.format("POST", nil, {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = "hs_session=" .. c.session,
	}, "csrf_token=" .. c.csrf .. "&" .. form .. "&form_key=" .. key)
end

dofile(os.getenv("BENCH_REPORT_LUA"))
