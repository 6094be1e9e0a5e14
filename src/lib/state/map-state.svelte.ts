/**
 * The map page's state, held in one place and mirrored in the address bar: every change goes into the
 * URL (a new history entry for what a visitor would go back to, a replaced one for map moves and
 * fine-tuning), and back/forward restore it. The page and its panels read it and change it only here.
 * Parsing and writing the link itself is url-state.ts.
 */
import { defaultState, presetThemes, readSearch, stateToSearch } from './url-state.ts';
import type { AppState, BroadbandSelection, LinkProblem, MapPosition } from './url-state.ts';
import { activeColouring, choroplethTheme, colouringThemes, getTheme, isThemeId } from '../themes/registry.ts';
import type { PresetId, ThemeId } from '../themes/registry.ts';
import type { SearchHit } from '../data/model.ts';

/** Writes the address bar (SvelteKit's shallow routing in the page, a fake in tests). */
export interface HistoryWriter {
	push(url: string): void;
	replace(url: string): void;
}

/** What the server knows about a theme's data: whether it has features, area values and editions. */
export interface ThemeData {
	id: string;
	empty: boolean;
	area: unknown;
	editions: { level: string; asOf: string }[];
}

export interface MapStateOptions {
	history: HistoryWriter;
	/** the themes' data as the page was rendered with (a function, so a reloaded page's data is used) */
	themes: () => readonly ThemeData[];
	/** the /embed route: the map alone whatever the link says */
	forceEmbed?: boolean;
}

export type HistoryMode = 'push' | 'replace';

export class MapState {
	/** what the URL says, parsed (unknown values already replaced by defaults) */
	current: AppState = $state(defaultState());
	/** link parameters the map could not use, named once in a notice */
	problems: LinkProblem[] = $state([]);

	readonly #pathname: string;
	readonly #history: HistoryWriter;
	readonly #themes: () => readonly ThemeData[];
	readonly #forceEmbed: boolean;

	constructor(url: { pathname: string; search: string }, options: MapStateOptions) {
		const { state, problems } = readSearch(url.search);
		this.current = state;
		this.problems = problems;
		this.#pathname = url.pathname;
		this.#history = options.history;
		this.#themes = options.themes;
		this.#forceEmbed = options.forceEmbed ?? false;
	}

	readonly lang = $derived(this.current.lang);
	readonly embed = $derived.by(() => this.#forceEmbed || this.current.embed);

	/** Only themes whose colours exist in the data compete for the map (no empty colouring wins by order). */
	readonly colourable: ThemeId[] = $derived.by(() =>
		this.current.themes.filter((id) => {
			const info = this.#themes().find((t) => t.id === id);
			return getTheme(id)?.areaFill ? Boolean(info?.area) : !info?.empty;
		})
	);
	readonly colouring: ThemeId | null = $derived(activeColouring(this.colourable, this.current.area));
	readonly colourOptions: ThemeId[] = $derived(colouringThemes(this.colourable));

	/** The choropleth theme's editions in the data, oldest first. */
	readonly editions: string[] = $derived.by(() => (this.#themes().find((t) => t.id === choroplethTheme()?.id)?.editions ?? []).map((e) => e.asOf).filter((e, i, all) => all.indexOf(e) === i).sort());
	/** The choropleth selection with the edition filled in (the newest when the link names none). */
	readonly broadband: BroadbandSelection & { edition: string } = $derived({
		...this.current.broadband,
		edition: this.current.broadband.edition ?? this.editions[this.editions.length - 1] ?? ''
	});
	readonly choroplethShown: boolean = $derived(this.current.themes.some((id) => id === choroplethTheme()?.id));

	/** The link to this view for others: never in embed mode, whoever shares it. */
	shareUrl(origin: string): string {
		return `${origin}${this.#pathname}${stateToSearch({ ...this.current, embed: false })}`;
	}

	/** The full map at the same view, linked from the embedded map. */
	readonly fullMapUrl: string = $derived(`/${stateToSearch({ ...this.current, embed: false })}`);

	update(patch: Partial<AppState>, mode: HistoryMode = 'push'): void {
		this.current = { ...this.current, ...patch };
		const url = `${this.#pathname}${stateToSearch(this.current)}`;
		try {
			if (mode === 'push') this.#history.push(url);
			else this.#history.replace(url);
		} catch {
			// Before hydration finished SvelteKit refuses shallow navigation; the next change records it.
		}
	}

	/**
	 * Back or forward: the address bar already changed, the state follows it. Answers the map position
	 * the entry had, for the map to jump to.
	 */
	restore(search: string): MapPosition | null {
		this.current = readSearch(search).state;
		return this.current.map;
	}

	setView(view: PresetId): void {
		this.update({ view, themes: presetThemes(view) });
	}

	toggleTheme(id: ThemeId): void {
		const themes = this.current.themes.includes(id) ? this.current.themes.filter((t) => t !== id) : [...this.current.themes, id];
		this.update({ themes });
	}

	/** Switches a category that is off by default on or off. */
	showCategory(category: string, on: boolean): void {
		const shown = this.current.shown;
		this.update({ shown: on ? (shown.includes(category) ? shown : [...shown, category]) : shown.filter((c) => c !== category) });
	}

	setColouring(area: ThemeId): void {
		this.update({ area }, 'replace');
	}

	setBroadband(b: Partial<BroadbandSelection>): void {
		this.update({ broadband: { ...this.current.broadband, edition: this.broadband.edition, ...b } }, 'replace');
	}

	setLang(lang: AppState['lang']): void {
		this.update({ lang });
	}

	/** Opens the card of a feature (`id`), a region (`region:ags`) or a place (`point:lon,lat`); null closes it. */
	select(ref: string | null): void {
		this.update({ feature: ref });
	}

	/** A search result: its theme is switched on if it was off, so the feature is also on the map. */
	selectHit(hit: SearchHit): void {
		const theme = hit.theme && isThemeId(hit.theme) ? hit.theme : null;
		if (theme && !this.current.themes.includes(theme)) this.update({ themes: [...this.current.themes, theme], feature: hit.ref });
		else this.select(hit.ref);
	}

	move(map: MapPosition): void {
		this.update({ map }, 'replace');
	}

	dismissProblems(): void {
		this.problems = [];
	}
}
