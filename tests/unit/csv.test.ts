import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/lib/data/model.ts';
import { columnIndex, detectDialect, parseCsv, parseNumber } from '../../scripts/lib/csv.ts';

function importError(fn: () => unknown): ImportError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return e as ImportError;
	}
	throw new Error('expected an ImportError');
}

describe('detectDialect', () => {
	it('detects ";" with quoted fields', () => {
		expect(detectDialect('"ags";"verf_300_50"\n"01001";98.00\n"01002";97.10\n')).toEqual({
			delimiter: ';',
			quote: '"',
			hasBom: false
		});
	});

	it('detects "," without quotes', () => {
		expect(detectDialect('region,year,x\n99001,2020,5\n99002,2020,6\n')).toEqual({
			delimiter: ',',
			quote: null,
			hasBom: false
		});
	});

	it('detects tabs', () => {
		expect(detectDialect('a\tb\tc\n1\t2\t3\n').delimiter).toBe('\t');
	});

	it('detects a BOM and still reads the header', () => {
		const text = '\uFEFFAGS;a;b\r\n1;2;3\r\n';
		expect(detectDialect(text)).toEqual({ delimiter: ';', quote: null, hasBom: true });
		expect(parseCsv(text, 'bom.csv').header).toEqual(['AGS', 'a', 'b']);
	});

	it('ignores delimiters inside quotes when counting', () => {
		// three ";" per line outside quotes, but the commas inside quotes vary per line
		const text = 'name;a;b;c\n"Ellrich, Stadt";1,5;2;3\n"X, Y, Z";1;2;3\n';
		expect(detectDialect(text).delimiter).toBe(';');
	});

	it('prefers the delimiter that is consistent over the more frequent one', () => {
		// commas are more frequent on line 1 but differ per line; ";" is constant
		const text = 'a,b,c,d;e\nx;y\n1;2\n';
		expect(detectDialect(text).delimiter).toBe(';');
	});
});

describe('parseCsv', () => {
	it('handles embedded delimiters, doubled quotes, CRLF and trailing empty lines', () => {
		const text = 'name,label,x\r\n"Ellrich, Stadt","He said ""hi""",1\r\n"multi\r\nline",plain,2\r\n\r\n\r\n';
		const t = parseCsv(text, 'q.csv');
		expect(t.header).toEqual(['name', 'label', 'x']);
		expect(t.rows).toEqual([
			{ line: 2, cells: ['Ellrich, Stadt', 'He said "hi"', '1'] },
			{ line: 3, cells: ['multi\nline', 'plain', '2'] }
		]);
		expect(t.dialect.delimiter).toBe(',');
	});

	it('keeps empty quoted and unquoted cells', () => {
		const t = parseCsv('a;b;c\n"";;x\n', 'e.csv');
		expect(t.rows[0]?.cells).toEqual(['', '', 'x']);
	});

	it('reports ragged rows with the line and the counts', () => {
		const e = importError(() => parseCsv('a;b;c\n1;2;3\n4;5\n', 'ragged.csv'));
		expect(e.file).toBe('ragged.csv');
		expect(e.line).toBe(3);
		expect(e.message).toBe('ragged.csv:3: expected 3 columns, found 2');
	});

	it('reports an unterminated quote at the line it opens', () => {
		const e = importError(() => parseCsv('a,b\n1,2\n"3,4\n5,6\n', 'open.csv'));
		expect(e.line).toBe(3);
		expect(e.message).toContain('unterminated quote');
	});

	it('reports a quote that runs into the next line\'s quotes at the line it opens', () => {
		const e = importError(() => parseCsv('a,b\n"1,2\n"3",4\n', 'runon.csv'));
		expect(e.message).toBe('runon.csv:2: unterminated quote');
	});

	it('rejects text after a closing quote', () => {
		const e = importError(() => parseCsv('a,b\n"1"x,2\n', 'after.csv'));
		expect(e.line).toBe(2);
		expect(e.message).toContain('after closing quote');
	});

	it('rejects empty files and duplicate columns', () => {
		expect(importError(() => parseCsv('', 'empty.csv')).message).toBe('empty.csv: empty file');
		expect(importError(() => parseCsv('\uFEFF\r\n\r\n', 'blank.csv')).message).toBe('blank.csv: empty file');
		expect(importError(() => parseCsv('a;b;a\n1;2;3\n', 'dup.csv')).message).toContain('duplicate column "a"');
	});

	it('columnIndex finds columns case-insensitively and names a missing one', () => {
		const t = parseCsv('AGS;Wert\n1;2\n', 'c.csv');
		expect(columnIndex(t, 'c.csv', ['ags', 'wert'] as const)).toEqual({ ags: 0, wert: 1 });
		expect(importError(() => columnIndex(t, 'c.csv', ['year'] as const)).message).toContain('missing column "year"');
	});
});

describe('parseNumber', () => {
	it('reads decimal points and exponents', () => {
		expect(parseNumber('86.64')).toBe(86.64);
		expect(parseNumber(' 100 ')).toBe(100);
		expect(parseNumber('-3.5')).toBe(-3.5);
		expect(parseNumber('3525.9999999996')).toBe(3525.9999999996);
		expect(parseNumber('1e3')).toBe(1000);
	});

	it('reads a decimal comma unless the delimiter is ","', () => {
		expect(parseNumber('86,64', { file: 'f.csv', delimiter: ';' })).toBe(86.64);
		expect(parseNumber('86,64', { file: 'f.json' })).toBe(86.64);
		expect(() => parseNumber('86,64', { file: 'f.csv', delimiter: ',' })).toThrow(ImportError);
		// a thousands separator is not guessed at
		expect(() => parseNumber('1.234,5', { file: 'f.csv', delimiter: ';' })).toThrow(ImportError);
	});

	it('treats empty, "-" and "NA" as not published', () => {
		expect(parseNumber('')).toBeNull();
		expect(parseNumber('-')).toBeNull();
		expect(parseNumber('NA')).toBeNull();
		expect(parseNumber('  ')).toBeNull();
	});

	it('names file, line and column for anything else', () => {
		const e = importError(() => parseNumber('abc', { file: 'x.csv', line: 7, column: 'verf_300_50', delimiter: ';' }));
		expect(e.message).toBe('x.csv:7: not a number: "abc" in column "verf_300_50"');
		expect(() => parseNumber('12%')).toThrow(ImportError);
		expect(() => parseNumber('NaN')).toThrow(ImportError);
	});
});
