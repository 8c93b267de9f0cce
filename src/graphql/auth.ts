import { webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Reader } from '../db/reader';
import { UnauthenticatedError } from '../services/errors';
import { idOf, toGlobalId } from './global-id';
import { findLiveUser } from '../services/users';
import type { User } from '../generated/prisma';
import type { Viewer } from '../services/viewer';

const ALGORITHM = 'HS256';
const key = (secret: string) => new TextEncoder().encode(secret);

/**
 * Verifies tokens signed with one secret. The key is imported once (given raw bytes, jose imports
 * them on every call), and a token already verified is not verified again: the same string
 * carries the same valid signature, so only its expiry is checked anew (about 0.1 ms of
 * WebCrypto saved per request). At most MAX_REMEMBERED tokens are remembered, oldest first out.
 */
class TokenVerifier {
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly remembered = new Map<string, { subject: string; expiresAt: number }>();

  constructor(secret: string) {
    this.key = webcrypto.subtle.importKey('raw', key(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  }

  /** The token's subject; UNAUTHENTICATED if it is forged, malformed or expired. */
  async subjectOf(token: string): Promise<string> {
    const known = this.remembered.get(token);
    if (known) {
      // jose's own rule: expired once `exp` <= now, in whole seconds.
      if (known.expiresAt > Math.floor(Date.now() / 1000)) return known.subject;
      this.remembered.delete(token);
      throw expiredToken();
    }
    try {
      const { payload } = await jwtVerify(token, await this.key, { algorithms: [ALGORITHM], requiredClaims: ['exp', 'sub'] });
      if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
      this.remembered.set(token, { subject: payload.sub!, expiresAt: payload.exp! });
      return payload.sub!;
    } catch (error) {
      throw error instanceof joseErrors.JWTExpired ? expiredToken() : invalidToken();
    }
  }
}

const MAX_REMEMBERED = 10_000;
const expiredToken = () => new UnauthenticatedError('The access token has expired.');
const invalidToken = () => new UnauthenticatedError('The access token is not valid.');
const verifiers = new Map<string, TokenVerifier>();
const verifierFor = (secret: string) => verifiers.get(secret) ?? verifiers.set(secret, new TokenVerifier(secret)).get(secret)!;

/** Signs an access token for a user: `sub` is their global ID, `exp` after `ttlSeconds`. */
export async function signAccessToken(secret: string, userId: number, ttlSeconds = 12 * 3600): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(toGlobalId('User', userId))
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

/**
 * The signed-in user of a request from its Authorization header: null without one;
 * UNAUTHENTICATED for a malformed, forged or expired token or a deleted user.
 */
export async function authenticate(reader: Reader, secret: string, authorization: string | undefined): Promise<User | null> {
  if (!authorization) return null;
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (!token) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  const subject = await verifierFor(secret).subjectOf(token);
  let userId: number;
  try {
    userId = idOf('User', subject, 'sub');
  } catch {
    throw invalidToken();
  }
  // One prepared statement, on every request: a changed role or a deletion counts at once.
  const user = await findLiveUser(reader, userId);
  if (!user) throw new UnauthenticatedError('The access token is for a user that no longer exists.');
  return user;
}

/** Who the user is for authorisation: the role comes from their row, read on every request. */
export const viewerOf = (user: User | null): Viewer => user && { userId: user.id, role: user.role };
