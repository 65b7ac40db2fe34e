/**
 * Tables of codes that arrive from outside (answer codes, IVR statuses, delivery status and reason
 * codes). A code such as `constructor`, `__proto__` or `toString` must find nothing: the tables have
 * no prototype, and every lookup goes through `lookUpCode`, which reads only a table's own entries.
 */
export function codeTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
	const table = Object.create(null) as Record<string, T>;
	for (const [code, value] of Object.entries(entries)) table[code] = value;
	return Object.freeze(table);
}

/** The entry for a code from outside, or undefined: only the table's own entries count. */
export function lookUpCode<T>(table: Readonly<Record<string, T>>, code: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
}
