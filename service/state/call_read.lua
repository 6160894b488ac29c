-- Everything POST /v1/calls reads, as one command: a pipeline of six or more commands costs
-- redis-py about 40 µs of Python per command, this costs one.
-- KEYS: recommendation, seen zset, call digest, incident answers hash, [rate window,] then one GEO
--       set per unit type searched
-- ARGV: lon, lat, count, stale_from_ms, stale_before_ms, has_rate (0/1), then one radius (m) per GEO set,
--       then (optional) one 0/1 per GEO set: 1 returns each unit's coordinates too (coverage choice)
-- Returns {rate count or -1, stored answer or false, {member, dist, ...} per GEO set ({member, dist,
-- lon, lat, ...} for a set asked with coordinates), digest of the call stored with the answer or
-- false, {field, value, ...} of the incident's learned answers};
-- units silent since stale_from..stale_before (not yet swept) are left out.
local has_rate = ARGV[6] == '1'
local rate = -1
local first_geo = 5
if has_rate then
  rate = redis.call('INCR', KEYS[5])
  redis.call('EXPIRE', KEYS[5], 2)
  first_geo = 6
end
local stored = redis.call('GET', KEYS[1])
local digest = redis.call('GET', KEYS[3])
local learned = redis.call('HGETALL', KEYS[4])
local stale = {}
local silent = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[4], '(' .. ARGV[5])
for _, id in ipairs(silent) do
  stale[id] = true
end
local found = {}
local want = tonumber(ARGV[3])
-- Ask for enough that `want` remain when every silent unit is among the nearest.
local ask = want + #silent
local n_geo = #KEYS - first_geo + 1
for i = first_geo, #KEYS do
  local coords = ARGV[7 + n_geo + i - first_geo] == '1'
  local stride = coords and 4 or 2
  -- GEOSEARCH costs in proportion to the members inside the radius, and a city-wide radius holds
  -- most of the fleet. Search a small circle first and widen it only while it holds fewer than
  -- `want` live units: the nearest units inside a smaller circle are the nearest overall.
  local limit = tonumber(ARGV[7 + i - first_geo])
  local radius = math.min(limit, 1000)
  local flat
  while true do
    local hits
    if coords then
      hits = redis.call('GEOSEARCH', KEYS[i], 'FROMLONLAT', ARGV[1], ARGV[2],
        'BYRADIUS', radius, 'm', 'ASC', 'COUNT', ask, 'WITHDIST', 'WITHCOORD')
    else
      hits = redis.call('GEOSEARCH', KEYS[i], 'FROMLONLAT', ARGV[1], ARGV[2],
        'BYRADIUS', radius, 'm', 'ASC', 'COUNT', ask, 'WITHDIST')
    end
    flat = {}
    for _, hit in ipairs(hits) do
      if not stale[hit[1]] and #flat < stride * want then
        flat[#flat + 1] = hit[1]
        flat[#flat + 1] = hit[2]
        if coords then
          flat[#flat + 1] = hit[3][1]
          flat[#flat + 1] = hit[3][2]
        end
      end
    end
    if #flat >= stride * want or radius >= limit then
      break
    end
    radius = math.min(limit, radius * 4)
  end
  found[#found + 1] = flat
end
return {rate, stored, found, digest, learned}
