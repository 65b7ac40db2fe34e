import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { describeValue, numberProblem, type NumberRule } from '../../helpers/numberChecks';
import { xmlTextProblem } from '../../../shared/xmlCharacters';
import { inputError } from './itemErrors';

/**
 * Readers for parameters an expression may fill with anything: each returns the value in its type
 * or throws `Item N: <field>: <problem>`, so that no NaN, string or object reaches a loop bound or
 * the gateway. An empty value (missing, '' or null) is the field's default.
 */

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

export interface NumberField extends NumberRule {
	label: string;
	fallback: number;
}

export function readNumber(
	ctx: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: NumberField,
): number {
	if (isEmpty(value)) return field.fallback;
	const problem = numberProblem(value, field);
	if (problem) {
		const range = `give ${field.whole ? 'a whole number' : 'a number'} from ${field.min} to ${field.max}`;
		throw inputError(ctx, itemIndex, field.label, `${problem}; ${range}`);
	}
	return Number(typeof value === 'string' ? value.trim() : value);
}

/** One of an options field's values; anything else is refused with the values it takes. */
export function readOption<T extends string>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	allowed: readonly T[],
	fallback: T,
): T {
	if (isEmpty(value)) return fallback;
	const chosen = allowed.find((option) => option === value);
	if (chosen !== undefined) return chosen;
	throw inputError(
		ctx,
		itemIndex,
		label,
		`${describeValue(value)} is not one of ${allowed.map((option) => `"${option}"`).join(', ')}`,
	);
}

/** A boolean field: true or false (also as the text "true" or "false"). */
export function readFlag(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	fallback: boolean,
): boolean {
	if (isEmpty(value)) return fallback;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw inputError(ctx, itemIndex, label, `${describeValue(value)} is not true or false`);
}

/** A text field: text, or a number written as text; an object, array or boolean is refused. */
export function readText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
	fallback = '',
): string {
	if (value === undefined || value === null) return fallback;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw inputError(ctx, itemIndex, label, `${describeValue(value)} is not a text`);
}

/** A text that goes to the gateway: as `readText`, and refused when it holds a character XML cannot carry. */
export const readSentText: typeof readText = (ctx, itemIndex, label, value, fallback) => {
	const text = readText(ctx, itemIndex, label, value, fallback);
	const problem = xmlTextProblem(text);
	if (problem) throw inputError(ctx, itemIndex, label, `the text ${problem}`);
	return text;
};

/** A collection (Options, Connection): its fields, or an error when an expression replaced it with something else. */
export function readCollection(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: unknown,
): IDataObject {
	if (isEmpty(value)) return {};
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	throw inputError(
		ctx,
		itemIndex,
		label,
		`${describeValue(value)} is not a collection of settings`,
	);
}
