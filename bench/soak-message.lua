-- soak-message.lua: wrk script for bench/soak's messages: each request posts a message as customer1 on the next of their bookings that has a vendor.
--
-- Arguments (after wrk's --): the session cookie, the CSRF token and a
-- file with one booking id a line.
local ids, session, csrf, counter = {}, "", "", 0
thread_id = 0		-- set by setup() for each thread
local thread_count = 0

function setup(thread)
	thread_count = thread_count + 1
	thread:set("thread_id", thread_count)
end

function init(args)
	session, csrf = args[1], args[2]
	for line in io.lines(args[3]) do
		if line:match("^%d+$") then
			table.insert(ids, line)
		end
	end
	assert(#ids > 0, "soak-message.lua: no bookings in " .. args[3])
	counter = thread_id
end

function request()
	counter = counter + 1
	local id = ids[counter % #ids + 1]
	return wrk.format("POST", "/bookings/" .. id .. "/messages", {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = "hs_session=" .. session,
	}, "csrf_token=" .. csrf .. "&body=Soak+message+" .. thread_id .. "-" .. counter)
end

dofile(os.getenv("SOAK_REPORT_LUA"))
