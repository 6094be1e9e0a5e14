import { describe, expect, it } from 'vitest';
import { readArchiveIndex } from '../../src/lib/server/tiles/directory.ts';
import { protomapsFixtureArchive } from '../fixtures/protomaps-basemap-fixture.ts';

describe('archives smaller than the reader\'s first read (16 KiB)', () => {
	it('are indexed (the self-hosted basemap fixture, a few KiB)', async () => {
		const bytes = protomapsFixtureArchive();
		expect(bytes.byteLength).toBeLessThan(16_384);
		const index = await readArchiveIndex(bytes, 'fixture');
		expect(index.header.minZoom).toBe(6);
		expect(index.entries.length).toBeGreaterThan(0);
	});
});
