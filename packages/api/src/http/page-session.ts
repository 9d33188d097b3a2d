import { consoleRouter } from '../console-router';
import { createContext } from '../context';
import { resellerRouter } from '../reseller-router';
import { clientIp } from './client-ip';
import { getServerDb } from './db';

/**
 * The signed-in console member for a page request (server components), or null: the same `auth.me`
 * the browser calls, so the page gate and the shell agree on who is signed in and in which role.
 */
export async function consoleMe(headers: Headers) {
  const ctx = await createContext({ db: getServerDb(), app: 'console', headers, resHeaders: new Headers(), ip: clientIp(headers) });
  return consoleRouter.createCaller(ctx).auth.me();
}

/** The signed-in operator or reseller staff member for a portal page request, or null (its `auth.me`). */
export async function resellerMe(headers: Headers) {
  const ctx = await createContext({ db: getServerDb(), app: 'reseller', headers, resHeaders: new Headers(), ip: clientIp(headers) });
  return resellerRouter.createCaller(ctx).auth.me();
}
