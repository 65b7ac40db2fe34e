import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

/** An item that failed: its own error item under continueOnFail, otherwise the run stops with it. */
export function failedItem(ctx: IExecuteFunctions, itemIndex: number, error: Error): INodeExecutionData {
	if (!ctx.continueOnFail()) throw error;
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.errorDescription = description;
	return { json, pairedItem: { item: itemIndex } };
}

/** A local validation failure, named by item and field. */
export function inputError(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string, hint?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex + 1}: ${field}: ${problem}`, {
		itemIndex,
		description: hint ?? 'Nothing was sent for this item.',
	});
}

/** Runs `handle` for each item; one failing item does not stop the others under continueOnFail. */
export async function eachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handle(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failedItem(ctx, itemIndex, error as Error));
		}
	}
	return output;
}
