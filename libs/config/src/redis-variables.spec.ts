import { isHostPort, redisSentinelName, redisSentinels, redisUrl } from './variables';

describe('Redis variables', () => {
  it('reads REDIS_SENTINELS as host:port entries, empty by default', () => {
    expect(redisSentinels().parse(undefined)).toEqual([]);
    expect(redisSentinels().parse(' sentinel-a:26379, 10.0.0.2:26379 ,[fd00::2]:26380')).toEqual([
      'sentinel-a:26379',
      '10.0.0.2:26379',
      '[fd00::2]:26380',
    ]);
    for (const bad of ['sentinel-a', 'sentinel-a:0', 'sentinel-a:70000', 'redis://sentinel-a:26379', 'fd00::2:26379']) {
      expect(redisSentinels().safeParse(bad).success).toBe(false);
    }
    expect(isHostPort('localhost:26379')).toBe(true);
  });

  it('names the primary mymaster unless told, and takes rediss:// URLs for TLS', () => {
    expect(redisSentinelName().parse(undefined)).toBe('mymaster');
    expect(redisSentinelName().parse('salle')).toBe('salle');
    expect(redisUrl().safeParse('rediss://:secret@redis.example:6380/0').success).toBe(true);
    expect(redisUrl().safeParse('http://redis.example').success).toBe(false);
  });
});
