/**
 * Bringing a running map to a newly built style without setStyle: layers the map lacks are added at
 * their place in the style's order. The main map starts with the layers of the visible themes only
 * and adds a theme's layers when it is switched on, and live overlay layers when edits appear.
 */

/**
 * The layers to add, in the order to add them, each with the layer it goes beneath: the nearest
 * following layer of the desired order that the map has (after the additions before it), else
 * `top` (the map's own top layers, e.g. the selection ring), else none (on top of everything).
 */
export function layerAdditions(desired: readonly string[], exists: (id: string) => boolean, top?: string): { id: string; before: string | undefined }[] {
	const present = new Set(desired.filter(exists));
	const out: { id: string; before: string | undefined }[] = [];
	let next: string | undefined = top;
	// From the top down: every layer is added beneath the one above it, which is there by then.
	for (let i = desired.length - 1; i >= 0; i--) {
		const id = desired[i]!;
		if (!present.has(id)) {
			out.push({ id, before: next });
			present.add(id);
		}
		next = id;
	}
	return out;
}
