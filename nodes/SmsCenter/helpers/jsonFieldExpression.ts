/**
 * The most common expression in a bulk send, a field of the item itself (`{{ $json.phone }}`,
 * `{{ $json["text"] }}`, `{{ $json.contact.mobile }}`), read straight from the item. n8n's own
 * evaluation of such an expression gives the same value; it costs far more, most of all in n8n's
 * isolated expression engine, and a broadcast evaluates it once per item. Anything else (another
 * expression, a missing field, a value that is not text, a number or a list of them) is left to n8n,
 * so that its result and its errors stay n8n's.
 */

/** `={{ $json` then `.name` or `["name"]` / `['name']` steps, then `}}`; nothing else. */
const WHOLE =
	/^=\{\{\s*\$json((?:\s*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\]))+)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;
/** Names whose lookup n8n's data proxy or JavaScript itself may answer differently from the item's data. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf']);
/** Deeper paths are rare in a send and are left to n8n. */
const MAX_STEPS = 8;

/** The path of a parameter written as `{{ $json.<path> }}` alone, or undefined for any other value. */
export function jsonFieldPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string' || raw.length > 300) return undefined;
	const whole = WHOLE.exec(raw);
	if (!whole) return undefined;
	const path: string[] = [];
	for (const step of whole[1].matchAll(STEP)) {
		const name = step[1] ?? step[2] ?? step[3];
		if (RESERVED.has(name) || (step[1] === undefined && name === '')) return undefined;
		path.push(name);
	}
	if (path.length === 0 || path.length > MAX_STEPS) return undefined;
	return path;
}

type Plain = string | number;
const isPlain = (value: unknown): value is Plain =>
	typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * The item's value at `path` when it is text, a finite number or a list of those (a copy), else
 * undefined (then n8n evaluates the expression). Only the item's own fields are read.
 */
export function readJsonField(json: unknown, path: readonly string[]): Plain | Plain[] | undefined {
	let value: unknown = json;
	for (const name of path) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
		if (!Object.prototype.hasOwnProperty.call(value, name)) return undefined;
		if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
			return undefined;
		value = (value as Record<string, unknown>)[name];
	}
	if (isPlain(value)) return value;
	if (Array.isArray(value) && value.length <= 100_000 && value.every(isPlain)) return [...value];
	return undefined;
}
