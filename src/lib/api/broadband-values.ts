/**
 * Broadband values of every district and municipality, for the ranking in the layer panel. Loaded in
 * the browser only when the broadband theme is shown, so the page itself never carries the list.
 */
export interface BroadbandValues {
	ags: string;
	name: string;
	level: string;
	values: Record<string, number>;
}

interface FeaturesPage {
	features: { properties: Record<string, unknown> }[];
	next_cursor: string | null;
}

export async function fetchBroadbandValues(signal?: AbortSignal): Promise<BroadbandValues[]> {
	const out: BroadbandValues[] = [];
	let cursor: string | null = null;
	do {
		const res = await fetch(`/api/features?theme=breitband&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { signal });
		if (!res.ok) throw new Error(`broadband values: HTTP ${res.status}`);
		const page = (await res.json()) as FeaturesPage;
		for (const f of page.features) {
			const p = f.properties;
			const values = Object.fromEntries(Object.entries(p).filter(([k, v]) => k.startsWith('bb_') && typeof v === 'number')) as Record<string, number>;
			out.push({ ags: String(p.ags), name: String(p.name), level: String(p.level), values });
		}
		cursor = page.next_cursor;
	} while (cursor);
	return out;
}
