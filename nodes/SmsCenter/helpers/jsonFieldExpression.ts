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
	/^=\{\{\s*\$json((?:\s*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:"[^"\\{}\n\r\u2028\u2029]*"|'[^'\\{}\n\r\u2028\u2029]*')\s*\]))+)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"]*)"|'([^']*)')\s*\]/g;
/**
 * Names n8n's expressions refuse or answer differently from the item's data: its list of unsafe
 * properties (refused wherever they appear as a word, as n8n does) and every property of
 * Object.prototype (its isolated engine cannot hand those back). Such an expression is left to n8n.
 */
const N8N_UNSAFE = [
	'__proto__',
	'prototype',
	'constructor',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'_linkedBinding',
	'_load',
	'prepareStackTrace',
	'__lookupGetter__',
	'__lookupSetter__',
	'__defineGetter__',
	'__defineSetter__',
	'caller',
	'callee',
	'arguments',
	'getBuiltinModule',
	'dlopen',
	'execve',
	'loadEnvFile',
	'process',
	'require',
	'globalThis',
	'eval',
];
const UNSAFE_WORD = new RegExp(`\\b(?:${N8N_UNSAFE.join('|')})\\b`);
const OBJECT_PROPERTIES = new Set(Object.getOwnPropertyNames(Object.prototype));
/** Deeper paths are rare in a send and are left to n8n. */
const MAX_STEPS = 8;

/** The path of a parameter written as `{{ $json.<path> }}` alone, or undefined for any other value. */
export function jsonFieldPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string' || raw.length > 300) return undefined;
	// n8n refuses any expression with `.constructor` in it, and the unsafe names as words anywhere.
	if (raw.includes('constructor') || UNSAFE_WORD.test(raw)) return undefined;
	const whole = WHOLE.exec(raw);
	if (!whole) return undefined;
	const path: string[] = [];
	for (const step of whole[1].matchAll(STEP)) {
		const name = step[1] ?? step[2] ?? step[3];
		if (OBJECT_PROPERTIES.has(name) || (step[1] === undefined && name === '')) return undefined;
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
	try {
		let value: unknown = json;
		for (const name of path) {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
			const prototype = Object.getPrototypeOf(value) as unknown;
			if (prototype !== Object.prototype && prototype !== null) return undefined;
			const field = Object.getOwnPropertyDescriptor(value, name);
			// A getter is code, not data: left to n8n.
			if (!field || !('value' in field)) return undefined;
			value = field.value;
		}
		if (isPlain(value)) return value;
		if (!Array.isArray(value) || value.length > 100_000) return undefined;
		const copy: Plain[] = [];
		for (let index = 0; index < value.length; index++) {
			const entry: unknown = value[index];
			if (!(index in value) || !isPlain(entry)) return undefined;
			copy.push(entry);
		}
		return copy;
	} catch {
		return undefined;
	}
}
