/**
 * Bearer-token check. Tokens are compared through their SHA-256 digests with timingSafeEqual:
 * equal-length buffers whatever the guess, so the time taken tells nothing of the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Whether `authorization` (the request's header) carries `Bearer <token>`. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(authorization ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

/** Whether a host to bind is loopback only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}
