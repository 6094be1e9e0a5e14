/** Placeholder until the importer index lands: official imports are wired in below. */
import type { OfficialData } from './theme-features.ts';

export async function loadOfficialData(dir: string, log: (line: string) => void): Promise<OfficialData> {
	log(`(importers not wired yet) ${dir}`);
	return { sources: [], broadband: [], indicators: [] };
}
