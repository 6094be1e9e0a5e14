/**
 * The browser tests read the map through `window.__ntMap` (layers, rendered features, positions).
 * Production pages do not expose it: only a development server (`vite dev`) or a server started with
 * PUBLIC_NT_TEST_HOOKS=1 (the test launcher tests/e2e/app-server.ts sets it) hands the map out.
 */
import { env } from '$env/dynamic/public';
import type { Map as MlMap } from 'maplibre-gl';

export function testHooksEnabled(): boolean {
	return import.meta.env.DEV || env.PUBLIC_NT_TEST_HOOKS === '1';
}

export function exposeMapForTests(map: MlMap): void {
	if (testHooksEnabled()) (window as unknown as { __ntMap?: MlMap }).__ntMap = map;
}
