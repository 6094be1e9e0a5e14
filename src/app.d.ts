// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** the data version of the tile archive the page's map draws (set by the map pages' load) */
			mapDataVersion?: string;
		}
	}
}
export {};
