/**
 * The back office configured from the environment:
 *
 * NT_CONTENT_DB     content database (default <root>/var/content.sqlite; see config.ts)
 * NT_SMTP_URL       SMTP server for inquiry mails, e.g. smtps://user:pass@mail.example:465 (optional)
 * NT_SMTP_FROM      sender of those mails (default "Standortkarte Nordthüringen <standortkarte@localhost>")
 * NT_PUBLIC_URL     the public address (see config.ts publicOrigin): mutations from there are same-site; https marks the cookie Secure
 * NT_TRUST_PROXY    1: client address from X-Forwarded-For (only behind a proxy that sets it)
 * NT_SECURE_COOKIES 1: session cookie always Secure (set it when TLS ends at a proxy)
 * NT_BACK_OFFICE    0: no back office (read-only API)
 * NT_INQUIRY_RETENTION_DAYS  days a closed inquiry is kept before it is deleted (0–3650, default 180)
 */
import type { DataPaths } from '../config.ts';
import { publicOrigin } from '../config.ts';
import { createBackOffice } from './back-office.ts';
import { inquiryRetentionDays } from './inquiries.ts';
import type { BackOffice } from './back-office.ts';

/**
 * One back office per content database and process: the production server and the SvelteKit bundle
 * (its own copy of these modules) share it through globalThis, so login locks, rate limits and the
 * write connection are not split in two.
 */
const SHARED = Symbol.for('standortkarte.backOffices');
function shared(): Map<string, BackOffice> {
	const g = globalThis as unknown as Record<symbol, Map<string, BackOffice> | undefined>;
	return (g[SHARED] ??= new Map());
}

export function backOfficeFromEnv(paths: DataPaths, env: NodeJS.ProcessEnv = process.env): BackOffice | undefined {
	if (env.NT_BACK_OFFICE === '0') return undefined;
	const existing = shared().get(paths.contentDbFile);
	if (existing) return existing;
	const origin = publicOrigin(env);
	const origins = origin ? [origin] : [];
	const backOffice = createBackOffice({
		contentDbFile: paths.contentDbFile,
		seedDir: paths.seedDir,
		smtpUrl: env.NT_SMTP_URL || null,
		mailFrom: env.NT_SMTP_FROM || undefined,
		allowedOrigins: origins,
		trustProxy: env.NT_TRUST_PROXY === '1',
		inquiryRetentionDays: inquiryRetentionDays(env.NT_INQUIRY_RETENTION_DAYS),
		secureCookies: env.NT_SECURE_COOKIES === '1' || origins.some((o) => o.startsWith('https://'))
	});
	shared().set(paths.contentDbFile, backOffice);
	return backOffice;
}
