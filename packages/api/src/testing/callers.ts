import { TRPCError } from '@trpc/server';
import type { Db } from '@telework/db';
import { createContext, type AppName } from '../context';
import { consoleRouter } from '../console-router';
import { resellerRouter } from '../reseller-router';
import { createCallerFactory } from '../trpc';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../http/cookies';
import { FIXTURE_PASSWORD, type TenantFixture } from './fixtures';

const consoleCaller = createCallerFactory(consoleRouter);
const resellerCaller = createCallerFactory(resellerRouter);

/** A browser-like client: keeps cookies between calls and echoes the CSRF cookie like the web app does. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly db: Db,
    private readonly app: AppName,
    private readonly ip = '203.0.113.10',
    private readonly sendCsrf = true,
  ) {
    this.cookies.set(CSRF_COOKIE, 'initial-csrf-token-for-tests');
  }

  /** The Cookie header this browser sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  /** What the console sends to its plain HTTP routes (upload, images, exports): the cookies and the CSRF header. */
  httpHeaders(): Record<string, string> {
    return { cookie: this.cookieHeader(), [CSRF_HEADER]: this.cookies.get(CSRF_COOKIE) ?? '' };
  }

  private async context(extraHeaders: Record<string, string> = {}) {
    // A browser sends its page's origin with every POST.
    const headers = new Headers({ origin: 'https://console.telework.example', ...extraHeaders });
    headers.set('cookie', this.cookieHeader());
    const csrf = this.cookies.get(CSRF_COOKIE);
    if (this.sendCsrf && csrf) headers.set(CSRF_HEADER, csrf);
    const resHeaders = new Headers();
    const ctx = await createContext({ db: this.db, app: this.app, headers, resHeaders, ip: this.ip });
    return { ctx, resHeaders };
  }

  private absorb(resHeaders: Headers) {
    for (const line of resHeaders.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Runs one call with a fresh context, as one HTTP request would. */
  async console<T>(fn: (c: ReturnType<typeof consoleCaller>) => Promise<T>): Promise<T> {
    const { ctx, resHeaders } = await this.context();
    try {
      return await fn(consoleCaller(ctx));
    } finally {
      this.absorb(resHeaders);
    }
  }

  async reseller<T>(fn: (c: ReturnType<typeof resellerCaller>) => Promise<T>): Promise<T> {
    const { ctx, resHeaders } = await this.context();
    try {
      return await fn(resellerCaller(ctx));
    } finally {
      this.absorb(resHeaders);
    }
  }

  get hasSession(): boolean {
    return this.cookies.has(SESSION_COOKIE);
  }
}

export async function signedInUser(db: Db, tenant: TenantFixture, who: keyof TenantFixture['users']) {
  const browser = new TestBrowser(db, 'console');
  await browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: tenant.users[who].loginId, password: FIXTURE_PASSWORD }));
  return browser;
}

export async function signedInProvider(db: Db, kind: 'operator' | 'resellerStaff', email: string) {
  const browser = new TestBrowser(db, 'reseller');
  await browser.reseller((c) => c.auth.signIn({ kind, email, password: FIXTURE_PASSWORD }));
  return browser;
}

/** The desktop agent: no cookies, a bearer device token. */
export async function agentCaller(db: Db, token: string | null, ip = '203.0.113.20') {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  const ctx = await createContext({ db, app: 'console', headers, resHeaders: new Headers(), ip });
  return consoleCaller(ctx);
}

/** A device of tenant `t`'s user, signed in through agent.auth.signIn like the desktop agent does. */
export async function signedInAgent(db: Db, t: TenantFixture, loginId = 'worker', deviceName = 'PC') {
  const { token } = await (await agentCaller(db, null)).agent.auth.signIn({ systemId: t.systemId, loginId, password: FIXTURE_PASSWORD, deviceName });
  return { token, caller: await agentCaller(db, token) };
}

/** The tRPC error code a call ends with, or 'OK': authorisation tests assert the exact code. */
export async function trpcCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return 'OK';
}
