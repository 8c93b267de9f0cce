import { webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Reader } from '../db/reader';
import { UnauthenticatedError } from './errors';
import { idOf, toGlobalId } from './global-id';
import { findLiveUser } from './users';
import type { User } from '../generated/prisma';
import type { Viewer } from './viewer';

const ALGORITHM = 'HS256';
const key = (secret: string) => new TextEncoder().encode(secret);

const verificationKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

/** The secret as a key, imported once per process: given the raw bytes, jose imports them on every call. */
function verificationKey(secret: string): Promise<webcrypto.CryptoKey> {
  let imported = verificationKeys.get(secret);
  if (!imported) {
    imported = webcrypto.subtle.importKey('raw', key(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verificationKeys.set(secret, imported);
  }
  return imported;
}

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
  let subject: string;
  try {
    const { payload } = await jwtVerify(token, await verificationKey(secret), { algorithms: [ALGORITHM], requiredClaims: ['exp', 'sub'] });
    subject = payload.sub!;
  } catch (error) {
    const expired = error instanceof joseErrors.JWTExpired;
    throw new UnauthenticatedError(expired ? 'The access token has expired.' : 'The access token is not valid.');
  }
  let userId: number;
  try {
    userId = idOf('User', subject, 'sub');
  } catch {
    throw new UnauthenticatedError('The access token is not valid.');
  }
  // One prepared statement, on every request: a changed role or a deletion counts at once.
  const user = await findLiveUser(reader, userId);
  if (!user) throw new UnauthenticatedError('The access token is for a user that no longer exists.');
  return user;
}

/** Who the user is for authorisation: the role comes from their row, read on every request. */
export const viewerOf = (user: User | null): Viewer => user && { userId: user.id, role: user.role };
