import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { Pacer } from '../../helpers/pacer';
import { nothingSent } from '../../transport/errors';
import { readNumber, readOption, type NumberField } from './parameterValues';

const RATE_LIMIT: NumberField = {
	label: 'Rate Limit (Messages)',
	min: 0,
	max: 100_000,
	whole: true,
	fallback: 0,
};
const PERIODS = ['second', 'minute'] as const;

/** The Rate Limit options of SMS and voice-call sends. */
export function rateLimitOptions(kind: 'sms' | 'voice'): INodeProperties[] {
	const unit =
		kind === 'sms'
			? 'Messages are counted as recipients times SMS segments: that is what operators and SMSCenter accounts limit and bill (each segment is a separate SMS on the network), whereas one request may carry 500 recipients.'
			: 'Each recipient is one call.';
	return [
		{
			displayName: 'Rate Limit (Messages)',
			name: 'rateLimit',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100000 },
			default: 0,
			description: `At most this many messages per second or minute across the run; 0 sends as fast as Concurrency allows. ${unit} Requests are paced (spaced out so the run keeps to the rate), never dropped${kind === 'sms' ? ", and a request carries at most one period's worth" : ''}.`,
		},
		{
			displayName: 'Rate Limit Per',
			name: 'rateLimitPer',
			type: 'options',
			options: [
				{ name: 'Second', value: 'second' },
				{ name: 'Minute', value: 'minute' },
			],
			default: 'second',
			description: 'The period of the Rate Limit',
		},
	];
}

/** The run's pacer from the options of its first item, or undefined without a rate limit. */
export function pacerForRun(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Pacer | undefined {
	const limit = readNumber(ctx, itemIndex, options.rateLimit, RATE_LIMIT);
	const per = readOption(ctx, itemIndex, 'Rate Limit Per', options.rateLimitPer, PERIODS, 'second');
	if (limit === 0) return undefined;
	return new Pacer(
		limit,
		per,
		{ now: () => Date.now(), sleep: async (ms) => await sleep(ms) },
		() => ctx.getExecutionCancelSignal?.()?.aborted === true,
	);
}

/** Waits for a request's turn; a cancelled execution fails the request before anything is sent. */
export async function waitForTurn(
	ctx: IExecuteFunctions,
	pacer: Pacer | undefined,
	messages: number,
	itemIndex: number,
): Promise<void> {
	if (!pacer || (await pacer.take(messages))) return;
	throw nothingSent(
		new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex + 1}: not sent: the execution was cancelled while it waited for the rate limit`,
			{ itemIndex },
		),
	);
}

/** What a paced run's output items say about its rate. */
export function rateOutput(pacer: Pacer): IDataObject {
	return { rateLimit: { ...pacer.report() } };
}
