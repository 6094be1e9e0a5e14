import { describe, expect, it } from 'vitest';
import { skipRepeatedPlacementFrame } from '../../src/lib/map/placement-frame.ts';

/**
 * A stand-in for MapLibre's Style with the behaviour the wrapper corrects: label tiles that arrived
 * during the frame mark the just committed, complete placement as stale, and a stale placement asks
 * for one more frame. (The real Style needs a browser; the browser test counts the real frames.)
 */
class FakeStyle {
	placement = {
		stale: false,
		fadeDuration: 0,
		hasTransitions(this: { stale: boolean; fadeDuration: number }, now: number) {
			return this.stale || now - 0 < this.fadeDuration;
		}
	};
	pauseablePlacement = { done: true, isDone(this: { done: boolean }) { return this.done; } };
	calls: unknown[][] = [];
	_updatePlacement(...args: unknown[]): boolean {
		this.calls.push(args);
		this.placement.stale = true; // as MapLibre does when symbol buckets changed in this frame
		return !this.pauseablePlacement.isDone() || this.placement.hasTransitions(performance.now());
	}
}

function wrappedClass(): typeof FakeStyle {
	class Style extends FakeStyle {}
	Style.prototype._updatePlacement = FakeStyle.prototype._updatePlacement;
	expect(skipRepeatedPlacementFrame(Style.prototype)).toBe(true);
	return Style;
}

describe('one frame for arriving labels (placement-frame)', () => {
	it('unwrapped, the stand-in asks for a repeated frame (the behaviour being corrected)', () => {
		expect(new FakeStyle()._updatePlacement()).toBe(true);
	});

	it('after a complete placement that fades nothing, asks for no further frame and passes the arguments on', () => {
		const style = new (wrappedClass())();
		expect(style._updatePlacement('transform', false, 0)).toBe(false);
		expect(style.placement.stale).toBe(false);
		expect(style.calls).toEqual([['transform', false, 0]]);
	});

	it('leaves MapLibre alone for a map that fades labels', () => {
		const style = new (wrappedClass())();
		style.placement.fadeDuration = 300;
		expect(style._updatePlacement()).toBe(true);
		expect(style.placement.stale).toBe(true);
	});

	it('leaves MapLibre alone while a placement is still in progress', () => {
		const style = new (wrappedClass())();
		style.pauseablePlacement.done = false;
		expect(style._updatePlacement()).toBe(true);
		expect(style.placement.stale).toBe(true);
	});

	it('wraps once, and does nothing where the method or the expected fields are missing', () => {
		const Style = wrappedClass();
		const once = Style.prototype._updatePlacement;
		expect(skipRepeatedPlacementFrame(Style.prototype)).toBe(false);
		expect(Style.prototype._updatePlacement).toBe(once);
		expect(skipRepeatedPlacementFrame({})).toBe(false);

		// A future MapLibre without these fields: its answer goes through unchanged.
		const bare = { _updatePlacement: () => true };
		expect(skipRepeatedPlacementFrame(bare)).toBe(true);
		expect(bare._updatePlacement()).toBe(true);
	});
});
