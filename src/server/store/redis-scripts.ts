/**
 * The Redis store's check-and-act steps as Lua scripts: Redis runs a script whole, with
 * nothing of another client's in between, so two instances cannot both pass one check.
 * Time comes from Redis itself (TIME), so instances with drifting clocks agree.
 */

const NOW_MS = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)`;

/**
 * KEYS[1] bucket; ARGV[1] per minute. Returns 0 when a token was taken, otherwise the
 * milliseconds until one will be there. The bucket expires once it would be full again.
 */
export const TAKE_TOKEN = `${NOW_MS}
local capacity = tonumber(ARGV[1])
local perMs = capacity / 60000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if state[1] and state[2] then
  tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * perMs)
end
local waitMs = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  waitMs = math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / perMs) + 1000)
return waitMs`;

/**
 * KEYS[1] index of live journeys (sorted by expiry), KEYS[2] the journey's attempt counter;
 * ARGV[1] id, ARGV[2] ttl ms, ARGV[3] capacity. Returns 1 when created, 0 when full.
 */
export const CREATE_JOURNEY = `${NOW_MS}
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[2], 0, 'PX', ttl)
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
return 1`;

/**
 * KEYS[1] attempt counter, KEYS[2] the upload's ticket; ARGV[1] max, ARGV[2] ticket ttl ms.
 * INCR keeps the counter's expiry. A ticket already counted is not counted again, and one
 * already refunded (its reservation landed after the refund) is not counted at all.
 */
export const RESERVE_ATTEMPT = `local mark = redis.call('GET', KEYS[2])
if mark == 'refunded' then return 'refunded' end
if mark == 'counted' then return 'ok' end
local attempts = redis.call('GET', KEYS[1])
if not attempts then return 'unknown' end
if tonumber(attempts) >= tonumber(ARGV[1]) then return 'exhausted' end
redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], 'counted', 'PX', ARGV[2])
return 'ok'`;

/**
 * KEYS[1] attempt counter, KEYS[2] the upload's ticket; ARGV[1] ticket ttl ms. Gives back only
 * what the ticket counted, once; leaves the ticket marked refunded either way.
 */
export const REFUND_ATTEMPT = `local mark = redis.call('GET', KEYS[2])
if mark == 'refunded' then return 0 end
redis.call('SET', KEYS[2], 'refunded', 'PX', ARGV[1])
if mark == 'counted' then
  local attempts = redis.call('GET', KEYS[1])
  if attempts and tonumber(attempts) > 0 then redis.call('DECR', KEYS[1]) end
end
return 0`;

/** KEYS[1] claim; ARGV[1] owner. Deletes only the owner's own claim. */
export const RELEASE_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;
