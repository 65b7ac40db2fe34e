/** A value as an error message may show it: short, and never an object's contents. */
export function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string')
		return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return typeof value;
}

export interface NumberRule {
	min: number;
	max: number;
	/** Whether only whole numbers are allowed. */
	whole: boolean;
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/**
 * Why a number parameter is refused, or undefined. Numbers and decimal text are read; anything else
 * (other text, NaN, Infinity, booleans, objects, arrays) is refused by name, never coerced.
 */
export function numberProblem(value: unknown, rule: NumberRule): string | undefined {
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && DECIMAL.test(value.trim())) number = Number(value.trim());
	else return `${describeValue(value)} is not a number`;
	if (Number.isNaN(number)) return 'NaN is not a number';
	if (!Number.isFinite(number)) return `${String(number)} is not a finite number`;
	if (rule.whole && !Number.isInteger(number))
		return `${describeValue(value)} is not a whole number`;
	if (number < rule.min) return `${number} is below ${rule.min}`;
	if (number > rule.max) return `${number} is above ${rule.max}`;
	return undefined;
}

/** Checks a whole-number parameter (minutes, IDs); returns why it is refused, or undefined. */
export function wholeNumberProblem(value: unknown, min: number, max: number): string | undefined {
	return numberProblem(value, { min, max, whole: true });
}

/** Digits-only identifiers such as message IDs and record IDs. */
export function digitsProblem(value: unknown): string | undefined {
	if (value === undefined || value === null) return 'it is empty';
	if (typeof value !== 'string' && typeof value !== 'number')
		return `${describeValue(value)} is not a positive whole number`;
	const text = typeof value === 'number' ? String(value) : value.trim();
	if (text === '') return 'it is empty';
	if (!/^\d{1,18}$/.test(text)) return `"${String(value)}" is not a positive whole number`;
	return undefined;
}
