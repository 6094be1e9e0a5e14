/**
 * The inquiry states: one list with German and English names, used by the server (what it stores
 * and accepts) and by the back office's inbox (what it offers).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INQUIRY_STATUSES, INQUIRY_STATUS_LABELS, inquiryStatusLabel } from '../../src/lib/admin/inquiry-status.ts';
import { INQUIRY_STATUSES as SERVER_STATUSES } from '../../src/lib/server/admin/inquiries.ts';
import { CONTENT_SCHEMA_SQL } from '../../src/lib/server/admin/content-schema.ts';

describe('inquiry states', () => {
	it('each have a name in German and in English, distinct within each language', () => {
		expect(Object.keys(INQUIRY_STATUS_LABELS).sort()).toEqual([...INQUIRY_STATUSES].sort());
		for (const lang of ['de', 'en'] as const) {
			const names = INQUIRY_STATUSES.map((s) => inquiryStatusLabel(lang, s));
			for (const n of names) expect(n.trim().length, lang).toBeGreaterThan(1);
			expect(new Set(names).size, lang).toBe(INQUIRY_STATUSES.length);
		}
		expect(inquiryStatusLabel('de', 'closed')).toBe('erledigt');
	});

	it('are the same list on the server, in the content database and in the inbox', () => {
		expect(SERVER_STATUSES).toBe(INQUIRY_STATUSES);
		const check = /status TEXT NOT NULL DEFAULT '(\w+)' CHECK \(status IN \(([^)]*)\)\)/.exec(CONTENT_SCHEMA_SQL);
		expect(check?.[2]?.split(',').map((s) => s.trim().replace(/'/g, ''))).toEqual([...INQUIRY_STATUSES]);
		expect(INQUIRY_STATUSES).toContain(check?.[1]);
		const inbox = readFileSync(path.join(import.meta.dirname, '../../src/lib/components/admin/AdminInbox.svelte'), 'utf8');
		expect(inbox).toContain("from '$lib/admin/inquiry-status.ts'");
		// no list of its own: neither the states nor their names written out again
		expect(inbox).not.toMatch(/'answered'|beantwortet|erledigt/);
	});
});
