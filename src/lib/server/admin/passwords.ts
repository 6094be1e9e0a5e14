/**
 * Password hashes with scrypt from node:crypto. Stored as `scrypt$N$r$p$salt$hash` (base64url), so
 * the cost can be raised later without breaking existing accounts.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
	});
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, N, R, P);
	return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
	const salt = Buffer.from(parts[4]!, 'base64url');
	const expected = Buffer.from(parts[5]!, 'base64url');
	const key = await derive(password, salt, n, r, p);
	return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spent on unknown accounts too, so the answer time does not tell which e-mail addresses exist. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function passwordProblem(password: unknown): string | null {
	if (typeof password !== 'string') return 'password must be text';
	if (password.length < MIN_PASSWORD_LENGTH) return `password must have at least ${MIN_PASSWORD_LENGTH} characters`;
	if (password.length > MAX_PASSWORD_LENGTH) return `password may have at most ${MAX_PASSWORD_LENGTH} characters`;
	return null;
}
