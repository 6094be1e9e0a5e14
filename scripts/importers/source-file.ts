/**
 * Reading source files with errors that name the file (and line): the build prints these to the
 * person updating the data, who needs to know which download is broken and where.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ImportError } from '../../src/lib/data/model.ts';

export function readText(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new ImportError(file, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(e)})`);
	}
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
	return line;
}

export function readJson(file: string): unknown {
	const text = readText(file);
	if (text.trim() === '') throw new ImportError(file, 'empty file');
	try {
		return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
	} catch (e) {
		const message = (e as Error).message;
		const position = /position (\d+)/.exec(message);
		const line = position ? lineAt(text, Number(position[1])) : lineAt(text, text.length);
		// V8 appends "(line L column C)"; the line is reported separately.
		const problem = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
		throw new ImportError(file, `JSON syntax error: ${problem}`, line);
	}
}

/** The file name without directories: what goes into provenance (no local paths in the data). */
export function baseName(file: string): string {
	return path.basename(file);
}
