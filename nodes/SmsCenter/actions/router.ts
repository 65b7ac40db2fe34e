import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import * as sms from './sms/Sms.resource';
import * as voiceCall from './voiceCall/VoiceCall.resource';
import * as account from './account/Account.resource';
import type { SmsCenterType } from './node.type';

type OperationExecute = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

const OPERATIONS: { [R in SmsCenterType['resource']]: Record<string, OperationExecute> } = {
	sms: { send: sms.send.execute, estimate: sms.estimate.execute, sendSimple: sms.sendSimple.execute },
	voiceCall: { send: voiceCall.send.execute, getResponses: voiceCall.getResponses.execute },
	account: { getCompanyBalance: account.getCompanyBalance.execute, getUserBalances: account.getUserBalances.execute },
};

/**
 * Resource and operation are fixed for a run (they take no expressions). Each operation receives all
 * items, so sends can be batched, and returns one output item per result with its pairedItem.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as SmsCenterType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = OPERATIONS[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return [await execute.call(this, items)];
}
