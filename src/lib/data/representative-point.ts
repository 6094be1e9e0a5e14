/**
 * The one point that stands for a feature in distance searches (nearest station, stop, motorway
 * junction, hospital) and in the municipality lookup: the build and the back office's live overlay
 * both use it, so a site's distances do not change when the next build takes over from the overlay.
 */
import pointOnFeature from '@turf/point-on-feature';

/**
 * A point: the point itself; for a polygon a point on it. turf's `pointOnFeature` is used rather
 * than the centroid: the centroid of a concave outline (an L- or C-shaped estate, a site wrapped
 * around a neighbour's plot) can lie outside the site, in the neighbouring estate or across a road,
 * and every distance would then be measured from a place that is not the site. `pointOnFeature`
 * takes the centre when it lies on the polygon and otherwise the polygon's vertex nearest to it,
 * so the point is always on the site. Lines and empty geometries have no single place: null.
 */
export function representativePoint(geometry: GeoJSON.Geometry | null | undefined): [number, number] | null {
	if (!geometry) return null;
	if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!];
	if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
	const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
	if (!rings.some((r) => r.length > 0)) return null;
	const [lon, lat] = pointOnFeature(geometry).geometry.coordinates;
	return [lon!, lat!];
}
