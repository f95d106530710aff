import net from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import { loadConfig, type AppConfig } from './config.ts';
import { createDb, type Db } from './db/database.ts';
import { migrateToLatest, MigrationFailed } from './db/migrate.ts';
import { logSerializers } from './features/accounts/log-redaction.ts';
import { resolveSessionSecret } from './plugins/session.ts';

/**
 * What `npm start` checks before it writes anything, each failure as one Dutch line that says
 * what to do (docs: README "Starten"). The stack trace is only shown at LOG_LEVEL=debug.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

export function readConfig(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    throw new StartupError(`${(error as Error).message} Pas de omgevingsvariabele aan.`, {
      cause: error,
    });
  }
}

/**
 * The session secret, checked before any data is written: missing (outside loopback), too short,
 * or plainly not random (fewer than 10 different characters) stops the start.
 */
export function checkSessionSecret(env: NodeJS.ProcessEnv, host: string) {
  const raw = env.SESSION_SECRET?.trim();
  if (raw && raw.length >= 32 && new Set(raw).size < 10) {
    throw new StartupError(
      'SESSION_SECRET is zwak: het heeft te weinig verschillende tekens. Maak een willekeurige waarde met: openssl rand -base64 48',
    );
  }
  try {
    return resolveSessionSecret({ sessionSecret: raw, insecureDevSecret: isLoopback(host) });
  } catch (error) {
    const hint = isLoopback(host) ? '' : ` (HOST=${host} is niet alleen deze computer)`;
    throw new StartupError(`${(error as Error).message}${hint}`, { cause: error });
  }
}

/** Fails early, before migrating, when another program already listens on the port. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new StartupError(
            `Poort ${port} is al in gebruik op ${host}. Stop het andere programma of kies een andere poort met PORT=…`,
          ),
        );
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(
          new StartupError(
            `HOST=${host} is geen adres van deze computer. Kies bijvoorbeeld HOST=127.0.0.1.`,
          ),
        );
      } else {
        reject(
          new StartupError(
            `Luisteren op ${host}:${port} lukt niet (${error.code ?? error.message}).`,
          ),
        );
      }
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Opens the database and checks that it answers; a wrong URL or a server that is down stops here. */
export async function openDatabase(config: AppConfig): Promise<Db> {
  let handle: Db;
  try {
    handle = createDb(config.database);
    await sql`select 1`.execute(handle.db);
    return handle;
  } catch (error) {
    const where =
      config.database.kind === 'sqlite' ? `het bestand ${config.database.file}` : 'DATABASE_URL';
    throw new StartupError(
      `De database is niet bereikbaar (${firstLine(error)}). Controleer ${where}.`,
      { cause: error },
    );
  }
}

/**
 * Migrations (and the first load of data) run once when several instances start together: on
 * PostgreSQL the first holds a session advisory lock and the others wait for it, then find
 * everything done. SQLite is one file on one machine, where its own write lock serialises.
 */
export async function withStartupLock<T>(handle: Db, work: () => Promise<T>): Promise<T> {
  if (handle.dialect !== 'postgres') return work();
  return handle.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext('wijkkompas-start'))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('wijkkompas-start'))`.execute(connection);
    }
  });
}

export async function migrate(handle: Db): Promise<void> {
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    const name = error instanceof MigrationFailed ? error.migration : undefined;
    throw new StartupError(
      `Het bijwerken van de database is mislukt${name ? ` bij ${name}` : ''} (${firstLine(error)}). Er is niets half veranderd; los de oorzaak op en start opnieuw.`,
      { cause: error },
    );
  }
}

function firstLine(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = cause instanceof Error ? cause.message : (error as Error).message;
  return (message ?? String(error)).split('\n')[0] ?? '';
}

/**
 * A pino logger: JSON lines when the output goes to a file or a log collector, short readable
 * lines ("14:02:11 info  verzoek klaar GET /gebieden/dordt-west 200 3 ms") on a terminal.
 */
export function createLogger(
  level: AppConfig['logLevel'],
  terminal = process.stdout.isTTY === true,
): Logger {
  const options = { level, serializers: logSerializers };
  return terminal ? pino(options, readableLines(process.stdout)) : pino(options);
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const SKIP = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'req',
  'res',
  'responseTime',
  'reqId',
]);

/** Formats pino's JSON lines for a person reading a terminal. */
export function readableLines(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        out.write(`${formatLine(line)}\n`);
      }
      done();
    },
  });
}

export function formatLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) return line;
    throw error;
  }
  const time = new Date(Number(entry.time)).toTimeString().slice(0, 8);
  const level = (LEVELS[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const parts = [time, level, String(entry.msg ?? '')];
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`);
  if (res?.statusCode) parts.push(String(res.statusCode));
  if (typeof entry.responseTime === 'number') parts.push(`${Math.round(entry.responseTime)} ms`);
  for (const [key, value] of Object.entries(entry)) {
    if (SKIP.has(key)) continue;
    parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.join(' ');
}
