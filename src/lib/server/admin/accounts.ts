/**
 * Accounts, sessions and the login lock. Sessions live in the content database (only a hash of the
 * cookie token is stored) and end after 8 hours without a request; repeated wrong passwords lock
 * the account for that address for a short while.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ContentDb } from './content-db.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.ts';

export type Role = 'editor' | 'admin';

export interface User {
	id: number;
	email: string;
	role: Role;
	disabled: boolean;
	created_at: string;
}

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** last_seen is written at most this often, so reading pages does not turn into a write per request */
const TOUCH_EVERY_MS = 60 * 1000;

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LOCK_MS = 10 * 60 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

interface UserRow {
	id: number;
	email: string;
	role: Role;
	password_hash: string;
	disabled: number;
	created_at: string;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, disabled: r.disabled === 1, created_at: r.created_at });

export class Accounts {
	private readonly content: ContentDb;
	/** failed logins per e-mail+address: times of failures in the window and the lock end */
	private readonly failures = new Map<string, { times: number[]; lockedUntil: number }>();

	constructor(content: ContentDb) {
		this.content = content;
	}

	private get db() {
		return this.content.db;
	}

	private nowMs(): number {
		return this.content.now().getTime();
	}

	list(): User[] {
		return (this.db.prepare('SELECT * FROM users ORDER BY email').all() as unknown as UserRow[]).map(toUser);
	}

	byId(id: number): User | null {
		const r = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
		return r ? toUser(r) : null;
	}

	byEmail(email: string): User | null {
		const r = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
		return r ? toUser(r) : null;
	}

	async create(email: string, role: Role, password: string): Promise<User> {
		const hash = await hashPassword(password);
		this.db.prepare('INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(email, role, hash, this.content.nowIso());
		return this.byEmail(email)!;
	}

	/** Creates the account or, when it exists, sets its password and role (the first admin's recovery path). */
	async upsert(email: string, role: Role, password: string): Promise<{ user: User; created: boolean }> {
		const existing = this.byEmail(email);
		if (!existing) return { user: await this.create(email, role, password), created: true };
		const hash = await hashPassword(password);
		this.content.tx(() => {
			this.db.prepare('UPDATE users SET password_hash = ?, role = ?, disabled = 0 WHERE id = ?').run(hash, role, existing.id);
			this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(existing.id);
		});
		return { user: this.byId(existing.id)!, created: false };
	}

	async update(id: number, change: { role?: Role; disabled?: boolean; password?: string }): Promise<User | null> {
		const hash = change.password ? await hashPassword(change.password) : null;
		this.content.tx(() => {
			if (change.role) this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(change.role, id);
			if (change.disabled !== undefined) this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(change.disabled ? 1 : 0, id);
			if (hash) this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, id);
			// A changed role, lock or password ends the account's sessions.
			this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
		});
		return this.byId(id);
	}

	countAdmins(): number {
		return (this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
	}

	/** Seconds until the lock for this e-mail and address ends; 0 when not locked. */
	lockedFor(email: string, address: string): number {
		const f = this.failures.get(`${email.toLowerCase()}|${address}`);
		const left = f ? f.lockedUntil - this.nowMs() : 0;
		return left > 0 ? Math.ceil(left / 1000) : 0;
	}

	private noteFailure(email: string, address: string): void {
		const key = `${email.toLowerCase()}|${address}`;
		const now = this.nowMs();
		const f = this.failures.get(key) ?? { times: [], lockedUntil: 0 };
		f.times = [...f.times.filter((t) => now - t < LOGIN_WINDOW_MS), now];
		if (f.times.length >= LOGIN_MAX_FAILURES) {
			f.lockedUntil = now + LOGIN_LOCK_MS;
			f.times = [];
		}
		this.failures.set(key, f);
		// Bounded memory: forget the oldest entries when an attacker sprays many names.
		if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
	}

	/** The account when e-mail and password match an active account; null otherwise (same time either way). */
	async checkPassword(email: string, password: string, address: string): Promise<User | null> {
		const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
		const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
		if (!row || !ok || row.disabled) {
			this.noteFailure(email, address);
			return null;
		}
		this.failures.delete(`${email.toLowerCase()}|${address}`);
		return toUser(row);
	}

	startSession(userId: number): string {
		const token = randomBytes(32).toString('base64url');
		const now = this.nowMs();
		this.content.tx(() => {
			this.db.prepare('DELETE FROM sessions WHERE last_seen < ?').run(now - SESSION_IDLE_MS);
			this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)').run(tokenHash(token), userId, now, now);
		});
		return token;
	}

	/** The session's active account; an idle-expired session is deleted and gives null. */
	sessionUser(token: string): User | null {
		if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
		const hash = tokenHash(token);
		const s = this.db.prepare('SELECT user_id, last_seen FROM sessions WHERE token_hash = ?').get(hash) as { user_id: number; last_seen: number } | undefined;
		if (!s) return null;
		const now = this.nowMs();
		if (now - s.last_seen > SESSION_IDLE_MS) {
			this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
			return null;
		}
		const user = this.byId(s.user_id);
		if (!user || user.disabled) return null;
		if (now - s.last_seen > TOUCH_EVERY_MS) this.db.prepare('UPDATE sessions SET last_seen = ? WHERE token_hash = ?').run(now, hash);
		return user;
	}

	endSession(token: string): void {
		this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
	}
}
