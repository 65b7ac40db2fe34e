import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { OperationRun } from '../node.type';
import { companyBalance } from './balance';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject> {
	const balance = await companyBalance(this, run.caller, itemIndex);
	return {
		sms: balance.sms,
		ivrSeconds: balance.ivrSeconds,
		mms: balance.mms,
		result: balance.result,
	};
}
