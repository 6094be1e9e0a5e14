/**
 * The card of what the visitor picked: a feature, a district or municipality, or a place on the map
 * (with the nearest station and stop). Picking something new cancels the request for the previous
 * pick, so a slow answer for an earlier click never replaces the card of the later one.
 */
import { LatestRequest, api, isAborted } from '../api/client.ts';
import type { ApiClient } from '../api/client.ts';
import type { CardContent } from '../components/FeatureCard.svelte';
import type { Lang } from '../data/model.ts';

type Bbox = [number, number, number, number];

export class SelectedCard {
	content: CardContent | null = $state(null);
	readonly #latest = new LatestRequest();
	/** the reference whose card is shown (not while it loads) */
	#shown: string | null = null;
	#shownLang: Lang | null = null;
	readonly #client: ApiClient;

	constructor(client: ApiClient = api) {
		this.#client = client;
	}

	/**
	 * Loads the card of a reference (see MapState.select) with its source lines in `lang`. Answers false
	 * when a later load replaced this one; for a region, its extent for the map to fit.
	 */
	async load(ref: string | null, lang: Lang = 'de'): Promise<{ loaded: boolean; fit?: Bbox }> {
		if (!ref) {
			this.#latest.abort();
			this.content = null;
			this.#shown = null;
			this.#shownLang = null;
			return { loaded: true };
		}
		const again = ref === this.#shown;
		if (again && lang === this.#shownLang) return { loaded: true };
		// Only a feature's answer depends on the language (its source lines); regions and points stay as
		// they are, and a feature's card keeps showing until its answer in the new language is there.
		if (again && (ref.startsWith('point:') || ref.startsWith('region:'))) {
			this.#shownLang = lang;
			return { loaded: true };
		}
		if (!again) this.content = { kind: 'loading' };
		this.#shown = null;
		const client = this.#client;
		if (ref.startsWith('point:')) {
			const [lon, lat] = ref.slice('point:'.length).split(',').map(Number) as [number, number];
			const res = await this.#latest.run((signal) => client.nearest(lon, lat, { signal }));
			if (isAborted(res)) return { loaded: false };
			this.content = res.ok ? { kind: 'point', lon, lat, access: { nearest_station: res.data.nearest_station, nearest_stop: res.data.nearest_stop } } : { kind: 'missing', id: ref };
			this.#shownAs(ref, lang);
			return { loaded: true };
		}
		if (ref.startsWith('region:')) {
			const ags = ref.slice('region:'.length);
			const res = await this.#latest.run((signal) => client.region(ags, { signal }));
			if (isAborted(res)) return { loaded: false };
			if (!res.ok) {
				this.content = { kind: 'missing', id: ref };
				return { loaded: true };
			}
			const r = res.data;
			this.content = { kind: 'region', ags, level: r.level, name: r.name, bez: r.bez, stats: r.stats, broadband: r.broadband, indicators: r.indicators ?? [], sources: r.sources };
			this.#shownAs(ref, lang);
			return { loaded: true, fit: r.boundary_editions[r.boundary_editions.length - 1]?.bbox };
		}
		const res = await this.#latest.run((signal) => client.feature(ref, lang, { signal }));
		if (isAborted(res)) return { loaded: false };
		if (!res.ok) {
			this.content = { kind: 'missing', id: ref };
			return { loaded: true };
		}
		const f = res.data;
		const properties = { ...f.properties, nearest_station: f.properties.nearest_station ?? null, nearest_stop: f.properties.nearest_stop ?? null };
		this.content = { kind: 'feature', id: ref, geometry: f.geometry, properties, source: f.source };
		this.#shownAs(ref, lang);
		return { loaded: true };
	}

	#shownAs(ref: string, lang: Lang): void {
		this.#shown = ref;
		this.#shownLang = lang;
	}

	/** The page is left: nothing may arrive afterwards. */
	cancel(): void {
		this.#latest.abort();
	}
}
