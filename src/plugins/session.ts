import { createHash, randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import type { FastifyInstance, Session } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  saveSession,
  touchSession,
} from '../features/accounts/session.repository.ts';

declare module 'fastify' {
  interface Session {
    /** Set at login only (after a new session id); absent for anonymous visitors. */
    userId?: string;
    /** The CSRF secret of @fastify/csrf-protection. */
    _csrf?: string;
  }
}

/** A session ends after 8 hours without a request, and 24 hours after login at the latest. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading pages does not write on every hit. */
const TOUCH_EVERY_MS = 60 * 1000;
export const SESSION_COOKIE = 'wk_sessie';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, result?: Session | null) => void;

function storedId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/**
 * @fastify/session store on our own database (SQLite or PostgreSQL through Kysely). Expiry is
 * decided here, on the server, whatever the cookie says. The cookie options are not stored, so
 * they always come from the configuration below.
 */
export class KyselySessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  set(sessionId: string, sess: Session, callback: Callback): void {
    const { cookie: _cookie, ...data } = JSON.parse(JSON.stringify(sess)) as Record<
      string,
      unknown
    >;
    const now = this.now();
    saveSession(this.db, {
      id: storedId(sessionId),
      user_id: typeof data.userId === 'string' ? data.userId : null,
      data: JSON.stringify(data),
      created_at: now,
      last_seen_at: now,
    }).then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.load(sessionId).then((s) => callback(null, s), callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    deleteSession(this.db, storedId(sessionId)).then(() => callback(), callback);
  }

  private async load(sessionId: string): Promise<Session | null> {
    const id = storedId(sessionId);
    const row = await findSession(this.db, id);
    if (!row) return null;
    const now = this.now();
    if (now - row.last_seen_at > SESSION_IDLE_MS || now - row.created_at > SESSION_ABSOLUTE_MS) {
      await deleteSession(this.db, id);
      return null;
    }
    if (now - row.last_seen_at > TOUCH_EVERY_MS) await touchSession(this.db, id, now);
    return JSON.parse(row.data) as Session;
  }

  /** Removes every expired session; called at login so the table does not grow forever. */
  prune(): Promise<number> {
    const now = this.now();
    return deleteExpiredSessions(this.db, now - SESSION_IDLE_MS, now - SESSION_ABSOLUTE_MS);
  }
}

export interface SessionSecretSource {
  /** From the environment (SESSION_SECRET); at least 32 characters. */
  sessionSecret?: string | undefined;
  /** Only `npm start` on a loopback address sets this: use a random per-process secret. */
  insecureDevSecret?: boolean | undefined;
}

/**
 * The secret that signs the session cookie. Required, except for a local development start,
 * which gets a random secret that lives as long as the process (sessions end on restart).
 */
export function resolveSessionSecret(source: SessionSecretSource): {
  secret: string;
  ephemeral: boolean;
} {
  const secret = source.sessionSecret?.trim();
  if (secret) {
    if (secret.length < 32) {
      throw new Error(
        'SESSION_SECRET is te kort: gebruik minstens 32 tekens (bijvoorbeeld: openssl rand -base64 48).',
      );
    }
    return { secret, ephemeral: false };
  }
  if (source.insecureDevSecret) {
    return { secret: randomBytes(48).toString('base64url'), ephemeral: true };
  }
  throw new Error(
    'SESSION_SECRET ontbreekt. Zet een geheime waarde van minstens 32 tekens in de omgeving (bijvoorbeeld: openssl rand -base64 48). Zie docs/adr/0006-sessions-and-roles.md.',
  );
}

/** What the session plugin needs of a store; KyselySessionStore in the app, a fake in route tests. */
export type SessionStore = Pick<KyselySessionStore, 'set' | 'get' | 'destroy' | 'prune'>;

export interface SessionPluginOptions {
  secret: string;
  /** Built by the composition root (services.sessions) on the application's database. */
  store: SessionStore;
}

/**
 * Server-side sessions: cookie HttpOnly, SameSite=Lax, Secure when the request came over TLS
 * (trustProxy reads X-Forwarded-Proto), no Max-Age (gone when the browser closes); a session is
 * only stored once something is put in it (a CSRF secret or a login).
 */
export const sessionPlugin = fp(
  async (app: FastifyInstance, opts: SessionPluginOptions) => {
    const { store } = opts;
    app.decorate('sessionStoreImpl', store);
    await app.register(cookie);
    await app.register(session, {
      secret: opts.secret,
      cookieName: SESSION_COOKIE,
      store,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/' },
    });
  },
  { name: 'wk-session' },
);

declare module 'fastify' {
  interface FastifyInstance {
    sessionStoreImpl: SessionStore;
  }
}
