/**
 * A C-shaped site (fixture geometry, not a real site), 0.01° per unit, opening to the east:
 * outer square 0..3 × 0..3 with the notch 1..3 × 1..2.5 cut out.
 *   centroid (mean of the 8 corners) = (1.75, 1.625) → in the notch, outside the site
 *   bounding-box centre = (1.5, 1.5) → in the notch too; the nearest corner to it is (1, 1)
 *   (0.5 east, 0.5 north; the next, (1, 2.5), is 1.0 north)
 */
export const C_SHAPED_FIXTURE: GeoJSON.Polygon = {
	type: 'Polygon',
	coordinates: [
		[
			[10.78, 51.46],
			[10.81, 51.46],
			[10.81, 51.47],
			[10.79, 51.47],
			[10.79, 51.485],
			[10.81, 51.485],
			[10.81, 51.49],
			[10.78, 51.49],
			[10.78, 51.46]
		]
	]
};
