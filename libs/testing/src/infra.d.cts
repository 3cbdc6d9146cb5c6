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
export const TEMPLATE_RUN_ENV: 'TEST_TEMPLATE_RUN';
export const TEMPLATE_PREFIX: 'tpl_';
export function templateRunId(now?: number): string;
export function dropTemplates(adminUrl: string, options?: { runId?: string; now?: number }): Promise<string[]>;
