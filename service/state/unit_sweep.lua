-- Take units that have been silent too long out of the available GEO sets.
-- KEYS[1] seen zset; ARGV: cutoff_ms, unit hash prefix, geo prefix. Returns how many were removed.
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
local removed = 0
for _, id in ipairs(stale) do
  local t = redis.call('HGET', ARGV[2] .. id, 'type')
  if t then
    removed = removed + redis.call('ZREM', ARGV[3] .. t, id)
  end
end
return removed
