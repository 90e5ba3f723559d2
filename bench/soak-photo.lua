-- soak-photo.lua: wrk script for bench/soak's photo uploads: each request posts one small PNG as vendor1, multipart (the bodies built once), to the next of their jobs in progress, paced by delay() so that the jobs' ten photos of each kind last the run.
--
-- Arguments (after wrk's --): the session cookie, the CSRF token, a file
-- with one booking id a line, the PNG file, the pause between one
-- connection's requests in milliseconds and wrk's number of threads.
-- Thread t makes the run's requests t, t + threads, ...: request n goes
-- to job n modulo the jobs, a before photo on even passes over them and
-- an after photo on odd ones, so every job fills evenly.
local ids, session, counter, pause, threads = {}, "", 0, 0, 1
local bodies = {}
local boundary = "----HomeServeSoak7d41"
thread_id = 0		-- set by setup() for each thread
local thread_count = 0	-- only in the main state, for setup

function setup(thread)
	thread_count = thread_count + 1
	thread:set("thread_id", thread_count)
end

-- The multipart body for one kind, built once: only the path changes.
local function body_for(csrf, kind, png)
	return "--" .. boundary .. "\r\n"
		.. 'Content-Disposition: form-data; name="csrf_token"\r\n\r\n'
		.. csrf .. "\r\n--" .. boundary .. "\r\n"
		.. 'Content-Disposition: form-data; name="image_type"\r\n\r\n'
		.. kind .. "\r\n--" .. boundary .. "\r\n"
		.. 'Content-Disposition: form-data; name="image"; filename="soak.png"\r\n'
		.. "Content-Type: image/png\r\n\r\n" .. png .. "\r\n--" .. boundary .. "--\r\n"
end

function init(args)
	local f = assert(io.open(args[4], "rb"))
	local png = f:read("*a")
	f:close()
	session = args[1]
	bodies = { body_for(args[2], "before", png), body_for(args[2], "after", png) }
	for line in io.lines(args[3]) do
		if line:match("^%d+$") then
			table.insert(ids, line)
		end
	end
	assert(#ids > 0, "soak-photo.lua: no jobs in " .. args[3])
	pause = tonumber(args[5]) or 0
	threads = tonumber(args[6]) or 1
	counter = thread_id - 1
end

function delay()
	return pause
end

function request()
	local n = counter
	counter = counter + threads
	local job = n % #ids + 1
	local body = bodies[math.floor(n / #ids) % 2 + 1]
	return wrk.format("POST", "/vendor/bookings/" .. ids[job] .. "/photos", {
		["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
		["Cookie"] = "hs_session=" .. session,
	}, body)
end

dofile(os.getenv("SOAK_REPORT_LUA"))
