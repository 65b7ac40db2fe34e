import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { eachItem } from '../common/itemResults';
import { gatewayCaller } from '../common/settings';
import { companyBalance } from './balance';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const caller = items.length > 0 ? await gatewayCaller(this) : undefined;
	return await eachItem(this, items, async (itemIndex) => {
		const balance = await companyBalance(this, caller as NonNullable<typeof caller>, itemIndex);
		return { sms: balance.sms, ivrSeconds: balance.ivrSeconds, mms: balance.mms, result: balance.result };
	});
}
