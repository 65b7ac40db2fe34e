import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { readBalanceOrReason, type BalanceReading } from '../account/balance';
import {
	advertisingOptions,
	messageField,
	optionsCollection,
	recipientsField,
} from '../common/fields';
import { readFlag } from '../common/parameterValues';
import type { OperationRun } from '../node.type';
import { smsSummary } from './smsItem';
import {
	readWindowSetting,
	RunWindows,
	sendWindowOptions,
	windowOutput,
	windowTiming,
} from '../common/sendWindow';

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
			description:
				"Whether to read the company's prepaid SMS balance (one request per run) and say whether each item fits in it. Where SMSCenter gives no balance to this login, the estimate says why instead.",
		},
		...sendWindowOptions('sms'),
	]),
];

export const description = forOperation('sms', 'estimate', properties);

/**
 * A dry run: what a send would cost, without sending. The balance is read once per run; where
 * SMSCenter withholds it (an ordinary API user, a company that is not prepaid), the estimate
 * says why and the fit fields are null.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject> {
	const totals = run.state(() => ({
		segments: 0,
		balance: undefined as Promise<BalanceReading> | undefined,
		windows: new RunWindows(),
	}));
	const options = run.reader.options(itemIndex);
	const sms = run.reader.recipientsAndText(itemIndex, options);
	const summary = smsSummary(sms);
	const result: IDataObject = {
		...summary,
		duplicatesRemoved: sms.duplicatesRemoved,
		text: sms.text,
	};
	// When a send started now would go out under the Send Window.
	const windowSetting = readWindowSetting(this, itemIndex, options);
	if (windowSetting) {
		const now = Date.now();
		const { schedule } = windowTiming(
			this,
			itemIndex,
			{
				window: await totals.windows.resolve(windowSetting),
				earliestAt: now,
				delayMinutes: 0,
				expirationMinutes: undefined,
			},
			now,
		);
		result.sendWindow = windowOutput(schedule, windowSetting.timeZone);
	}
	if (readFlag(this, itemIndex, 'Include Balance', options.includeBalance, true)) {
		totals.balance ??= readBalanceOrReason(this, run.caller, itemIndex);
		const reading = await totals.balance;
		totals.segments += summary.totalSegments as number;
		if (reading.kind === 'withheld') {
			Object.assign(result, {
				smsBalance: null,
				fitsInBalance: null,
				runTotalSegments: totals.segments,
				runFitsInBalance: null,
				balanceNote: reading.note,
			});
			return result;
		}
		const balance = reading.balance.sms;
		result.smsBalance = balance;
		result.fitsInBalance = (summary.totalSegments as number) <= balance;
		result.runTotalSegments = totals.segments;
		result.runFitsInBalance = totals.segments <= balance;
	}
	return result;
}
