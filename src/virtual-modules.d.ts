// Modules made by the build's own Vite plugins (see vite.config.ts).

declare module 'virtual:basemap-sprite' {
	/** URL of the basemap sprite's 1× index (`…/basemap-sprite-<hash>.json`); without `.json` it is the sprite's base. */
	export const spriteIndexUrl: string;
	/** Every image name in the sprite. */
	export const spriteNames: readonly string[];
}
