export interface StartedServer {
  url: string;
  stop(): Promise<void>;
}
export function ensureTestInfra(env?: NodeJS.ProcessEnv): Promise<() => Promise<void>>;
export function startEmbeddedPostgres(): Promise<StartedServer>;
export function startRedisServer(port?: number): Promise<StartedServer & { port: number }>;
export function freePort(): Promise<number>;
export function canConnect(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function waitForPort(host: string, port: number, timeoutMs: number): Promise<void>;
