import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads a parameter per item, but only once when it holds no expression: a bulk run of thousands
 * of items then resolves only the parameters that really differ per item.
 */
export function perItemParameter<T>(
	ctx: IExecuteFunctions,
	name: string,
	fallback: T,
): (itemIndex: number) => T {
	const raw = ctx.getNode().parameters[name] as NodeParameterValueType | undefined;
	if (raw !== undefined && hasExpression(raw))
		return (itemIndex) => ctx.getNodeParameter(name, itemIndex, fallback as never) as T;
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
