// Password hashing with argon2id (library defaults: m=64 MiB, t=3, p=4). Sign-in spends the same work whether or
// not the e-mail exists, so timing does not tell which of e-mail or password was wrong.
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** The length bounds are part of the API (the web's fields stop at them): @tandem/api's user.ts. */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@tandem/api';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

let dummyHash: Promise<string> | null = null;

/** Verifies `password` against `hash`, or against a throw-away hash when there is no user, always doing the work. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
