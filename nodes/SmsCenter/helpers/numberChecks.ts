/** Checks a whole-number parameter (minutes, IDs); returns why it is refused, or undefined. */
export function wholeNumberProblem(value: unknown, min: number, max: number): string | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || Number.isNaN(number)) return `"${String(value)}" is not a number`;
	if (!Number.isFinite(number) || !Number.isInteger(number)) return `${String(value)} is not a whole number`;
	if (number < min) return `${number} is below ${min}`;
	if (number > max) return `${number} is above ${max}`;
	return undefined;
}

/** Digits-only identifiers such as message IDs and record IDs. */
export function digitsProblem(value: unknown): string | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') return 'it is empty';
	if (!/^\d{1,18}$/.test(text)) return `"${String(value)}" is not a positive whole number`;
	return undefined;
}
