/**
 * Labels are drawn in the frame their tiles arrive in, without a second, identical frame after it.
 *
 * When tiles with labels arrive, MapLibre marks its label placement as stale, because a placement
 * spread over several frames may have been computed before those tiles were indexed, and a stale
 * placement makes it draw the whole map once more. This map never fades labels (`fadeDuration: 0`),
 * and MapLibre then places all labels afresh and completely in every frame, after the arriving tiles
 * have been indexed: here the mark is always unfounded. The frame it causes repeats the one before
 * and holds up `idle` (when the app lists what is in view) by one whole frame; in the software
 * renderer of machines without a graphics card that is 0.3–0.4 s at start-up.
 *
 * The wrapper clears the mark only after a placement that is complete and fades nothing. With any
 * other placement (a map that fades, a placement still in progress) MapLibre's own logic stands, and
 * where MapLibre's internals look different from what is expected here, nothing is changed.
 */

/** The parts of MapLibre's Style the wrapper reads after each placement step. */
interface PlacementInternals {
	placement?: { stale?: unknown; fadeDuration?: unknown; hasTransitions?: (now: number) => boolean };
	pauseablePlacement?: { isDone?: () => boolean };
}

const WRAPPED = Symbol.for('standortkarte.placement-frame');

/**
 * Wraps `_updatePlacement` on MapLibre's Style prototype (once). Returns whether it was wrapped now;
 * false when it already is or when the prototype has no such method.
 */
export function skipRepeatedPlacementFrame(styleProto: object): boolean {
	const proto = styleProto as { _updatePlacement?: unknown };
	const original = proto._updatePlacement;
	if (typeof original !== 'function' || WRAPPED in original) return false;
	const wrapped = function (this: PlacementInternals, ...args: unknown[]): unknown {
		const dirty: unknown = Reflect.apply(original, this, args);
		const placement = this.placement;
		const done = this.pauseablePlacement?.isDone;
		if (dirty !== true || !placement || typeof done !== 'function' || typeof placement.hasTransitions !== 'function') return dirty;
		if (placement.fadeDuration !== 0 || placement.stale !== true || !done.call(this.pauseablePlacement)) return dirty;
		placement.stale = false;
		return placement.hasTransitions(performance.now());
	};
	Object.defineProperty(wrapped, WRAPPED, { value: true });
	proto._updatePlacement = wrapped;
	return true;
}
