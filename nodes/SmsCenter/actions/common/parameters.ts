import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';
import { jsonFieldPath, readJsonField } from '../../helpers/jsonFieldExpression';

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads a parameter per item, but only once when it holds no expression, and straight from the item
 * when it is only a field of the item (`{{ $json.phone }}`, see jsonFieldExpression.ts): a bulk run
 * of thousands of items then asks n8n to evaluate only the expressions that need it.
 */
export function perItemParameter<T>(
	ctx: IExecuteFunctions,
	name: string,
	fallback: T,
): (itemIndex: number) => T {
	const raw = ctx.getNode().parameters[name] as NodeParameterValueType | undefined;
	const evaluated = (itemIndex: number) =>
		ctx.getNodeParameter(name, itemIndex, fallback as never) as T;
	const path = jsonFieldPath(raw);
	if (path) {
		const items = ctx.getInputData();
		return (itemIndex) => {
			const value = readJsonField(items[itemIndex]?.json, path);
			return value === undefined ? evaluated(itemIndex) : (value as T);
		};
	}
	if (raw !== undefined && hasExpression(raw)) return evaluated;
	let value: T | undefined;
	let read = false;
	return () => {
		if (!read) {
			value = ctx.getNodeParameter(name, 0, fallback as never) as T;
			read = true;
		}
		return structuredClone(value) as T;
	};
}
