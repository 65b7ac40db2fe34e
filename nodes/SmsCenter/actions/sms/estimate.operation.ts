import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { companyBalance } from '../account/balance';
import { advertisingOptions, messageField, optionsCollection, recipientsField } from '../common/fields';
import { readFlag } from '../common/parameterValues';
import type { OperationRun } from '../node.type';
import { smsSummary } from './smsItem';

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

/** A dry run: what a send would cost, without sending. The balance is read once per run. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: OperationRun): Promise<IDataObject> {
	const totals = run.state(() => ({ segments: 0, balance: undefined as Promise<number> | undefined }));
	const options = run.reader.options(itemIndex);
	const sms = run.reader.recipientsAndText(itemIndex, options);
	const summary = smsSummary(sms);
	const result: IDataObject = { ...summary, duplicatesRemoved: sms.duplicatesRemoved, text: sms.text };
	if (readFlag(this, itemIndex, 'Include Balance', options.includeBalance, true)) {
		totals.balance ??= companyBalance(this, run.caller, itemIndex).then((balance) => balance.sms);
		const balance = await totals.balance;
		totals.segments += summary.totalSegments as number;
		result.smsBalance = balance;
		result.fitsInBalance = (summary.totalSegments as number) <= balance;
		result.runTotalSegments = totals.segments;
		result.runFitsInBalance = totals.segments <= balance;
	}
	return result;
}
