/**
 * Coverage of a municipality file: which boundary edition its codes belong to, and which of that
 * edition's municipalities of the region it lacks. A file cut off at a row boundary parses fine;
 * only this check notices the municipalities it no longer holds.
 */

export interface MunicipalityList {
	/** boundary edition, e.g. "2016" (VG250), "2018-12-31" (Gemeindeverzeichnis), "2021" (VG5000) */
	edition: string;
	/** AGS → name of every municipality of the region in that edition */
	municipalities: ReadonlyMap<string, string>;
}

export interface Coverage {
	edition: string;
	missing: { ags: string; name: string }[];
	/** codes of the file that the edition does not know */
	unknown: string[];
}

/**
 * The edition whose code set the file matches best (Jaccard similarity), with what is missing.
 * Null when no edition is known to compare with.
 */
export function coverageOf(codes: ReadonlySet<string>, lists: readonly MunicipalityList[]): Coverage | null {
	let best: { list: MunicipalityList; score: number } | null = null;
	for (const list of lists) {
		const keys = [...list.municipalities.keys()];
		const shared = keys.filter((k) => codes.has(k)).length;
		const union = new Set([...keys, ...codes]).size;
		const score = union === 0 ? 0 : shared / union;
		// ties go to the later edition in the list order given (the caller lists older first)
		if (!best || score >= best.score) best = { list, score };
	}
	if (!best) return null;
	const { list } = best;
	return {
		edition: list.edition,
		missing: [...list.municipalities.entries()].filter(([ags]) => !codes.has(ags)).map(([ags, name]) => ({ ags, name })),
		unknown: [...codes].filter((c) => !list.municipalities.has(c)).sort()
	};
}
