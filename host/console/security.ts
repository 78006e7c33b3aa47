// The console drives a therapy device from a browser, where any other open page is an
// attacker. Every request passes these checks before any route runs:
// - Host must name the console itself (against DNS rebinding);
// - a token, printed in the URL once and then held in an HttpOnly, SameSite=Strict cookie;
// - a state-changing request's Origin must be the console's (against CSRF), and a browser's
//   Sec-Fetch-Site, when it sends one, must say same-origin;
// - no CORS headers ever, and a Content-Security-Policy with no inline script.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const COOKIE = 'posture_console';

export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Host values that name this console: the address it listens on, and localhost for loopback. */
export function allowedHosts(listen: string, port: number): Set<string> {
  const hosts = new Set([`${listen}:${port}`]);
  if (listen === '127.0.0.1' || listen === '::1' || listen === 'localhost') {
    hosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`).add(`[::1]:${port}`);
  }
  return hosts;
}

export interface Refusal {
  status: number;
  message: string;
}

/** Why a request is refused, or null. url: the path with its query; cookie: the token cookie's value. */
export function checkRequest(r: {
  method: string; host: string | undefined; origin: string | undefined; secFetchSite: string | undefined;
  cookie: string | undefined; url: string; upgrade: string | undefined;
}, o: { token: string; hosts: Set<string> }): Refusal | null {
  if (!r.host || !o.hosts.has(r.host.toLowerCase())) return { status: 421, message: 'this console answers only to its own address' };
  if (r.upgrade) return { status: 400, message: 'the console has no WebSocket: its live data is at /api/live' };
  const changes = !['GET', 'HEAD', 'OPTIONS'].includes(r.method);
  if (changes) {
    if (!r.origin || ![...o.hosts].some((h) => r.origin === `http://${h}`)) return { status: 403, message: 'refused: the request did not come from the console\'s own page' };
  }
  if (r.secFetchSite && r.secFetchSite !== 'same-origin' && r.secFetchSite !== 'none') {
    return { status: 403, message: 'refused: the request came from another site' };
  }
  // The page itself, with the token in its URL, sets the cookie; everything else needs it.
  if (new URL(r.url, 'http://x').pathname === '/' && r.method === 'GET') return null;
  if (!sameToken(r.cookie, o.token)) return { status: 401, message: 'open the console with the address it printed (it carries the access token)' };
  return null;
}
