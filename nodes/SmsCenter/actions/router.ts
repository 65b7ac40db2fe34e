import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import * as sms from './sms/Sms.resource';
import * as voiceCall from './voiceCall/VoiceCall.resource';
import * as account from './account/Account.resource';
import { callerForRun } from './common/connection';
import { isLoginRefusalError } from '../transport/errors';
import { errorItemOrThrow } from './common/itemErrors';
import { MessageItemReader } from './common/messageItems';
import { RunSendMemory } from './common/sendMemory';
import { withSentItems, type SentItem } from './common/sentItems';
import { RunWarnings } from './common/runWarnings';
import type { ItemOperation, Operation, OperationMap, OperationRun } from './node.type';

const OPERATIONS: OperationMap = {
	sms: {
		send: { allItems: sms.send.execute },
		estimate: { eachItem: sms.estimate.execute },
		sendSimple: { eachItem: sms.sendSimple.execute, sends: true },
	},
	voiceCall: {
		send: { eachItem: voiceCall.send.execute, sends: true },
		getResponses: { eachItem: voiceCall.getResponses.execute },
	},
	account: {
		getCompanyBalance: { eachItem: account.getCompanyBalance.execute },
		getUserBalances: { eachItem: account.getUserBalances.execute },
	},
};

/** Looks an operation up by the names in the node's parameters; only the map's own entries count. */
function findOperation(resource: string, operation: string): Operation | undefined {
	const byResource: Record<string, Record<string, Operation>> = OPERATIONS;
	if (!Object.prototype.hasOwnProperty.call(byResource, resource)) return undefined;
	const operations = byResource[resource];
	return Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}

async function startRun(ctx: IExecuteFunctions): Promise<OperationRun & { finish(): void }> {
	let state: object | undefined;
	const finishers: Array<() => void> = [];
	const warnings = new RunWarnings();
	return {
		caller: await callerForRun(ctx),
		reader: new MessageItemReader(ctx, (itemIndex, text) => warnings.add(itemIndex, text)),
		sends: RunSendMemory.forRun(ctx),
		state<T extends object>(create: () => T): T {
			state ??= create();
			return state as T;
		},
		atEnd(finish: () => void): void {
			finishers.push(finish);
		},
		finish(): void {
			for (const finish of finishers) finish();
			warnings.addHintsTo(ctx);
		},
	};
}

/** The error of an item that was not tried because SMSCenter had refused the login earlier in the run. */
function refusedEarlier(
	ctx: IExecuteFunctions,
	itemIndex: number,
	refusal: NodeApiError,
): NodeApiError {
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: refusal.message },
		{
			message: `Item ${itemIndex + 1}: not tried: ${refusal.message}`,
			description:
				'SMSCenter refused the login for an earlier item of this run, so no further request was made. Nothing was sent for this item.',
			itemIndex,
		},
	);
	return error;
}

/** The message IDs an item's result holds (an item-by-item send gives one `messageId`, or null). */
function messageIdsOf(results: IDataObject[]): string[] {
	return results
		.map((json) => json.messageId)
		.filter((id): id is string => typeof id === 'string' && id !== '');
}

/**
 * Runs an item-by-item operation: one failing item does not stop the others under Continue On Fail,
 * except a refused login, which every later request would meet too: the run then makes no further
 * request. Without Continue On Fail the run stops at the failing item; for a sending operation its
 * error then names the items that were already sent.
 */
async function eachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: { eachItem: ItemOperation; sends?: true },
	run: OperationRun,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const sent: SentItem[] = [];
	let refusal: NodeApiError | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (refusal) {
			output.push(errorItemOrThrow(ctx, itemIndex, refusedEarlier(ctx, itemIndex, refusal)));
			continue;
		}
		try {
			const result: IDataObject | IDataObject[] = await operation.eachItem.call(
				ctx,
				itemIndex,
				run,
			);
			const results = Array.isArray(result) ? result : [result];
			for (const json of results) output.push({ json, pairedItem: { item: itemIndex } });
			if (operation.sends) sent.push({ itemIndex, messageIds: messageIdsOf(results) });
		} catch (error) {
			const named =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
			if (isLoginRefusalError(named)) refusal = named;
			output.push(
				errorItemOrThrow(ctx, itemIndex, ctx.continueOnFail() ? named : withSentItems(named, sent)),
			);
		}
	}
	return output;
}

/**
 * Resource and operation are fixed for a run (they take no expressions). The router builds what
 * every operation shares (the gateway caller, the item reader) once, then either loops the items
 * itself or hands them all to an operation that batches them.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	if (items.length === 0) return [[]];
	const run = await startRun(this);
	const output =
		'allItems' in operation
			? await operation.allItems.call(this, items, run)
			: await eachItem(this, items, operation, run);
	run.finish();
	return [output];
}
