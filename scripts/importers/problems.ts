/**
 * Collects the problems of an import run instead of stopping at the first, so one run names every
 * broken row of every file; the run still stops before anything is written.
 */
import { ImportError, ImportErrors, type ImportProblem } from '../../src/lib/data/model.ts';

export class ProblemList {
	readonly problems: ImportProblem[] = [];

	add(file: string, problem: string, line?: number, column?: string): void {
		this.problems.push({ file, problem, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) });
	}

	/** Runs fn; an ImportError it throws becomes problems (all of them for ImportErrors), other errors pass. */
	capture<T>(fn: () => T): T | undefined {
		try {
			return fn();
		} catch (e) {
			this.absorb(e);
			return undefined;
		}
	}

	async captureAsync<T>(fn: () => Promise<T>): Promise<T | undefined> {
		try {
			return await fn();
		} catch (e) {
			this.absorb(e);
			return undefined;
		}
	}

	private absorb(e: unknown): void {
		if (e instanceof ImportErrors) this.problems.push(...e.problems);
		else if (e instanceof ImportError) this.add(e.file, e.problem, e.line, e.column);
		else throw e;
	}

	get size(): number {
		return this.problems.length;
	}

	throwIfAny(): void {
		if (this.problems.length > 0) throw new ImportErrors(this.problems);
	}
}
