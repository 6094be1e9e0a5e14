/**
 * Types for the parts of the `shapefile` package (0.6) the VG5000 importer uses; the package ships
 * none and @types/shapefile is not installed.
 */
declare module 'shapefile' {
	import type { Feature, Geometry } from 'geojson';

	type Input = string | ArrayBuffer | Uint8Array;

	export interface Source<T> {
		bbox: number[];
		read(): Promise<{ done: false; value: T } | { done: true; value: undefined }>;
		cancel(): Promise<void>;
	}

	export interface Options {
		/** dBASE character encoding, default windows-1252 */
		encoding?: string;
		highWaterMark?: number;
	}

	export function open(
		shp: Input,
		dbf?: Input | null,
		options?: Options
	): Promise<Source<Feature<Geometry | null, Record<string, unknown>>>>;
}
