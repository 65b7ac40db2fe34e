import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

/**
 * An item that failed: under Continue On Fail it becomes its own error item (paired with the
 * input item); otherwise the error is thrown and the run stops with it.
 */
export function errorItemOrThrow(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: Error,
): INodeExecutionData {
	if (!ctx.continueOnFail()) throw error;
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.errorDescription = description;
	return { json, pairedItem: { item: itemIndex } };
}

/** A local validation failure, named by item and field. */
export function inputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex + 1}: ${field}: ${problem}`, {
		itemIndex,
		description: hint ?? 'Nothing was sent for this item.',
	});
}
