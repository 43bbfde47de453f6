-- wrk script for tests/bench/bench_endpoint.sh: DynamoDB PutItem or GetItem requests of
-- about 200 bytes, with distinct keys "k-<thread>-<n>" (n counts up per thread).
-- Environment: BENCH_SERVER (a label), BENCH_OP (PutItem or GetItem), BENCH_KEYS (GetItem:
-- each thread reads random keys k-<thread>-1 .. k-<thread>-BENCH_KEYS, written before).
-- done() prints one JSON line: requests/s, p50/p99 latency, and the 200 responses counted
-- by response() in every thread.

local server = os.getenv("BENCH_SERVER") or "server"
local op = os.getenv("BENCH_OP") or "PutItem"
local keys = tonumber(os.getenv("BENCH_KEYS") or "1")

local threads = {}
local thread_count = 0

function setup(thread)
    thread_count = thread_count + 1
    thread:set("id", thread_count)
    table.insert(threads, thread)
end

-- Thread state (read by done() through thread:get).
counter = 0
ok = 0
found = 0  -- GetItem answers that carried the item

local amz_date = os.date("!%Y%m%dT%H%M%SZ")
local headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. op,
    ["X-Amz-Date"] = amz_date,
    -- Neither server checks it here; dynalite wants it present, beside X-Amz-Date.
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/" .. amz_date:sub(1, 8) ..
        "/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000",
}
-- With the key and the JSON around it, a PutItem body is about 200 bytes.
local payload = string.rep("abcdefghij", 13)

function init(args)
    math.randomseed(id * 7919 + os.time())
end

function request()
    local body
    if op == "PutItem" then
        counter = counter + 1
        body = string.format(
            '{"TableName":"bench","Item":{"pk":{"S":"k-%d-%d"},"n":{"N":"%d"},"payload":{"S":"%s"}}}',
            id, counter, counter, payload)
    else
        body = string.format('{"TableName":"bench","Key":{"pk":{"S":"k-%d-%d"}}}', id,
            math.random(1, keys))
    end
    return wrk.format("POST", "/", headers, body)
end

function response(status, headers, body)
    if status == 200 then
        ok = ok + 1
        if op == "GetItem" and body:find('"Item"', 1, true) then found = found + 1 end
    end
end

function done(summary, latency, requests)
    local total_ok = 0
    local total_found = 0
    local min_counter = nil
    for _, thread in ipairs(threads) do
        total_ok = total_ok + thread:get("ok")
        total_found = total_found + thread:get("found")
        local c = thread:get("counter")
        if min_counter == nil or c < min_counter then min_counter = c end
    end
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    io.write(string.format(
        '{"server":"%s","op":"%s","requests":%d,"ok_200":%d,"non_2xx":%d,"socket_errors":%d,' ..
        '"duration_s":%.2f,"requests_per_s":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,' ..
        '"keys_per_thread":%d%s}\n',
        server, op, summary.requests, total_ok, errors.status,
        errors.connect + errors.read + errors.write + errors.timeout, seconds,
        summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        min_counter or 0, op == "GetItem" and string.format(',"items_found":%d', total_found) or ""))
end
