import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { advertisingOptions, messageField, recipientsField, optionsCollection } from '../common/fields';
import { eachItem } from '../common/itemResults';
import { gatewayCaller } from '../common/settings';
import { companyBalance } from '../account/balance';
import { SmsItemReader, smsSummary } from './smsInput';

const properties: INodeProperties[] = [
	recipientsField,
	messageField,
	optionsCollection([
		...advertisingOptions,
		{
			displayName: 'Include Balance',
			name: 'includeBalance',
			type: 'boolean',
			default: true,
			description: "Whether to read the company's prepaid SMS balance (one request per run) and say whether each item fits in it",
		},
	]),
];

export const description = forOperation('sms', 'estimate', properties);

/** A dry run: what a send would cost, without sending. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	let balance: Promise<number> | undefined;
	const reader = new SmsItemReader(this);
	let runningTotal = 0;
	return await eachItem(this, items, async (itemIndex) => {
		const options = reader.options(itemIndex);
		const sms = reader.recipientsAndText(itemIndex, options);
		const summary = smsSummary(sms);
		const result: IDataObject = { ...summary, duplicatesRemoved: sms.duplicatesRemoved, text: sms.text };
		if (options.includeBalance !== false) {
			balance ??= gatewayCaller(this).then(async (caller) => (await companyBalance(this, caller, itemIndex)).sms);
			const sms = await balance;
			runningTotal += summary.totalSegments as number;
			result.smsBalance = sms;
			result.fitsInBalance = (summary.totalSegments as number) <= sms;
			result.runTotalSegments = runningTotal;
			result.runFitsInBalance = runningTotal <= sms;
		}
		return result;
	});
}
