-- Apply one unit status report atomically.
-- KEYS[1] unit hash, KEYS[2] seen zset, KEYS[3] GEO set of available units of the reported type
-- KEYS[4] census hash "type:status" -> count (same hash tag: same cluster slot)
-- KEYS[5] (optional) the jurisdiction's events stream: a status or type change, or a new unit, appends
--   {kind=unit, data=JSON} there (MAXLEN ~ ARGV[10]); a position-only report appends nothing
-- ARGV: unit_id, type, status, reported_ms, lat, lon, capabilities, shift_ends_ms, geo prefix, events maxlen
-- Returns 1 when applied, 0 when ignored because an equal or newer report is already stored.
local prev = redis.call('HGET', KEYS[1], 'reported_ms')
if prev and tonumber(prev) >= tonumber(ARGV[4]) then
  return 0
end
local old_type = redis.call('HGET', KEYS[1], 'type')
local old_status = redis.call('HGET', KEYS[1], 'status')
if old_type and old_type ~= ARGV[2] then
  -- Same hash tag as KEYS[3], so the same cluster slot.
  redis.call('ZREM', ARGV[9] .. old_type, ARGV[1])
end
-- Census: move this unit from the (type, status) pair it was counted under to the new one.
local counted = redis.call('HGET', KEYS[1], 'counted')
local pair = ARGV[2] .. ':' .. ARGV[3]
if counted ~= pair then
  if counted then
    redis.call('HINCRBY', KEYS[4], counted, -1)
  end
  redis.call('HINCRBY', KEYS[4], pair, 1)
end
local lat, lon = ARGV[5], ARGV[6]
if lat == '' then
  -- A status-only report keeps the last known position.
  lat = redis.call('HGET', KEYS[1], 'lat') or ''
  lon = redis.call('HGET', KEYS[1], 'lon') or ''
end
redis.call('HSET', KEYS[1], 'unit_id', ARGV[1], 'type', ARGV[2], 'status', ARGV[3], 'reported_ms', ARGV[4],
  'lat', lat, 'lon', lon, 'capabilities', ARGV[7], 'shift_ends_ms', ARGV[8],
  'counted', pair)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
if ARGV[3] == 'available' and lat ~= '' then
  redis.call('GEOADD', KEYS[3], lon, lat, ARGV[1])
else
  redis.call('ZREM', KEYS[3], ARGV[1])
end
if KEYS[5] and (old_status ~= ARGV[3] or old_type ~= ARGV[2]) then
  local change = {unit_id = ARGV[1], type = ARGV[2], status = ARGV[3], reported_ms = tonumber(ARGV[4]),
    previous_status = old_status or cjson.null, previous_type = old_type or cjson.null,
    lat = tonumber(lat) or cjson.null, lon = tonumber(lon) or cjson.null}
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[10] or '10000', '*', 'kind', 'unit', 'data', cjson.encode(change))
end
return 1
