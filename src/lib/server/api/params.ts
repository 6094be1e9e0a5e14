/**
 * Query-parameter parsing shared by the list, export and search endpoints. Each parser names the
 * offending parameter in its error, and unknown parameters are refused rather than ignored, so a
 * typo never silently widens a result.
 */
import { z } from 'zod';
import { badParam, ApiError } from './errors.ts';
import { getTheme, themeFields } from '../../themes/registry.ts';
import type { Theme } from '../../themes/registry.ts';
import type { FeatureQuery } from '../db/store.ts';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 100;
export const MAX_QUERY_LENGTH = 100;
/** Larger than the region with its neighbours, smaller than a continent: a safety net, not a policy. */
export const MAX_BBOX_DEGREES = 10;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const finite = z.string().trim().regex(DECIMAL, 'must be a decimal number').transform(Number).pipe(z.number().refine(Number.isFinite, 'must be a finite number'));

export function parseBbox(raw: string | undefined): [number, number, number, number] | undefined {
	if (raw === undefined) return undefined;
	const parts = raw.split(',');
	if (parts.length !== 4) throw badParam('bbox', 'bbox must be four comma-separated numbers: west,south,east,north');
	const nums = parts.map((p) => (DECIMAL.test(p.trim()) ? Number(p) : NaN));
	if (nums.some((n) => !Number.isFinite(n))) throw badParam('bbox', 'bbox values must be finite numbers');
	const [w, s, e, n] = nums as [number, number, number, number];
	if (w < -180 || e > 180 || s < -90 || n > 90) throw badParam('bbox', 'bbox is outside longitude −180…180 / latitude −90…90');
	if (w >= e || s >= n) throw badParam('bbox', 'bbox must be west < east and south < north');
	if (e - w > MAX_BBOX_DEGREES || n - s > MAX_BBOX_DEGREES) throw badParam('bbox', `bbox may span at most ${MAX_BBOX_DEGREES}°`);
	return [w, s, e, n];
}

export function parseLimit(raw: string | undefined): number {
	if (raw === undefined) return DEFAULT_LIMIT;
	if (!/^\d+$/.test(raw)) throw badParam('limit', 'limit must be a positive integer');
	const n = Number(raw);
	if (n < 1 || n > MAX_LIMIT) throw badParam('limit', `limit must be between 1 and ${MAX_LIMIT}`);
	return n;
}

/** Cursors are opaque to clients: base64url of `f:<last fid>`. */
export function encodeCursor(fid: number): string {
	return Buffer.from(`f:${fid}`).toString('base64url');
}

export function parseCursor(raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(raw) ? Buffer.from(raw, 'base64url').toString('utf8') : '';
	const m = /^f:(\d{1,9})$/.exec(decoded);
	if (!m) throw badParam('cursor', 'cursor is malformed; use the next_cursor value of a previous page');
	return Number(m[1]);
}

export function parseTheme(raw: string | undefined): Theme {
	if (raw === undefined || raw === '') throw badParam('theme', 'theme is required');
	const theme = getTheme(raw);
	if (!theme) throw new ApiError(404, 'unknown_theme', `unknown theme "${raw.slice(0, 40)}"`, 'theme');
	return theme;
}

export function parseLang(raw: string | undefined): 'de' | 'en' {
	if (raw === undefined || raw === 'de') return 'de';
	if (raw === 'en') return 'en';
	throw badParam('lang', 'lang must be "de" or "en"');
}

const flagSchema = z.enum(['true', 'false', '1', '0']);

/**
 * Field filters: `<field>=a,b` for enum fields, `<field>=true|false` for flags, `<field>_min=` and
 * `<field>_max=` for ranges. Which fields accept what comes from the theme registry.
 */
export function parseFilters(theme: Theme, query: Record<string, string>, reserved: readonly string[]): Omit<FeatureQuery, 'limit' | 'afterFid' | 'bbox'> {
	const fields = new Map(themeFields(theme).filter((f) => f.filter).map((f) => [f.key, f]));
	const out: Omit<FeatureQuery, 'limit' | 'afterFid' | 'bbox'> = { theme: theme.id, enums: {}, flags: {}, ranges: {} };
	for (const [key, value] of Object.entries(query)) {
		if (reserved.includes(key)) continue;
		const range = /^(.+)_(min|max)$/.exec(key);
		const field = fields.get(range ? range[1]! : key);
		if (!field) throw badParam(key, `unknown parameter "${key.slice(0, 40)}" for theme ${theme.id}`);
		if (range) {
			if (field.filter !== 'range') throw badParam(key, `${field.key} cannot be filtered by range`);
			const cur = out.ranges[field.key] ?? [null, null];
			if (field.format === 'date') {
				// Dates are stored as YYYY-MM-DD, so text order is time order.
				if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw badParam(key, `${key} must be a date YYYY-MM-DD`);
				cur[range[2] === 'min' ? 0 : 1] = value;
			} else {
				const parsed = finite.safeParse(value);
				if (!parsed.success || value.trim() === '') throw badParam(key, `${key} must be a number`);
				cur[range[2] === 'min' ? 0 : 1] = parsed.data;
			}
			out.ranges[field.key] = cur;
		} else if (field.filter === 'flag') {
			const parsed = flagSchema.safeParse(value);
			if (!parsed.success) throw badParam(key, `${key} must be true or false`);
			out.flags[field.key] = parsed.data === 'true' || parsed.data === '1';
		} else if (field.filter === 'enum') {
			const values = value.split(',').map((v) => v.trim()).filter(Boolean);
			if (values.length === 0 || values.length > 50 || values.some((v) => v.length > 80)) throw badParam(key, `${key} must list 1–50 values`);
			// Fields with a fixed list of values refuse others, so a typo is named instead of matching nothing.
			const unknown = field.options ? values.find((v) => !field.options!.some((o) => o.value === v)) : undefined;
			if (unknown !== undefined) throw badParam(key, `${key} has no value "${unknown.slice(0, 40)}"; allowed: ${field.options!.map((o) => o.value).join(', ')}`);
			out.enums[field.key] = values;
		} else {
			throw badParam(key, `${field.key} needs ${field.key}_min / ${field.key}_max`);
		}
	}
	for (const [key, [min, max]] of Object.entries(out.ranges)) {
		if (min !== null && max !== null && min > max) throw badParam(`${key}_min`, `${key}_min must not exceed ${key}_max`);
	}
	return out;
}

export function parseSearchQuery(raw: string | undefined): string {
	if (raw === undefined || raw.trim() === '') throw badParam('q', 'q is required');
	if (raw.length > MAX_QUERY_LENGTH) throw badParam('q', `q may be at most ${MAX_QUERY_LENGTH} characters`);
	return raw.trim();
}

/** A query number in [min, max]; the message names the range so the caller sees what is allowed. */
export function numberIn(name: string, min: number, max: number) {
	const message = `${name} must be a number between ${min} and ${max}`;
	return z
		.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be given once`) })
		.trim()
		.min(1, `${name} is required`)
		// Plain decimal notation only: Number() would also read "0x10" as 16 and "1e2" as 100.
		.regex(/^[+-]?(\d+\.?\d*|\.\d+)$/, message)
		.transform(Number)
		.pipe(z.number({ error: message }).refine(Number.isFinite, message).min(min, message).max(max, message));
}

export const langParam = z.enum(['de', 'en'], { error: 'lang must be "de" or "en"' }).optional().meta({ description: 'Language of labels: de (default) or en' });

/**
 * One text parameter, read as given and checked by the handler; the message names a missing required
 * one and one given twice (the query validator hands repeated parameters over as a list).
 */
export function textParam(name: string, description: string) {
	return z.string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be given once`) }).meta({ description });
}
