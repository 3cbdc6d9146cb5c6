export { createRedis, closeRedis, pingRedis, type Redis, type RedisOptions } from './redis';
