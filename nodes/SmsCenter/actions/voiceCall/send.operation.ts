import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import { forOperation } from '../../helpers/displayOptions';
import { digitsProblem } from '../../helpers/numberChecks';
import { readMessageIdAnswer } from '../../transport/answers';
import { requireAccepted } from '../../transport/errors';
import {
	messageField,
	optionsCollection,
	recipientsField,
	senderField,
	timingFields,
} from '../common/fields';
import { inputError } from '../common/itemErrors';
import { addPartialSendHint, partialFields } from '../common/partialSends';
import { isPartialAnswer } from '../../../shared/transport/answerRules';
import type { OperationRun } from '../node.type';
import {
	readWindowSetting,
	RunWindows,
	sendWindowOptions,
	windowOutput,
	paramsUnderWindow,
} from '../common/sendWindow';
import type { WindowSchedule } from '../../../shared/sendWindow';
import { pacerForRun, rateLimitOptions, rateOutput, waitForTurn } from '../common/rateLimit';
import type { Pacer } from '../../helpers/pacer';

/** What the voice-call sends of one run share: partially sent items, and the run's holidays. */
interface VoiceRunState {
	partial: number[];
	windows: RunWindows;
	/** The run's rate limit, read with the first item. */
	pacer: Pacer | undefined;
}

const timing = timingFields('voice');

const properties: INodeProperties[] = [
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '101',
		description: 'The number of the recorded voice message in SMSCenter',
	},
	{
		...recipientsField,
		description:
			'Phone numbers to call (mobile or landline), separated by commas, semicolons or new lines, or an array from an expression',
	},
	{ ...messageField, description: 'The text SMSCenter keeps with the call' },
	senderField,
	...timing.schedule,
	optionsCollection([
		timing.legacyDelay,
		timing.expiration,
		timing.legacySendAt,
		...rateLimitOptions('voice'),
		...sendWindowOptions('voice'),
	]),
];

export const description = forOperation('voiceCall', 'send', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject> {
	const { reader } = run;
	const options = reader.options(itemIndex);
	const recordId = this.getNodeParameter('recordId', itemIndex, '') as unknown;
	const recordProblem = digitsProblem(recordId);
	if (recordProblem) throw inputError(this, itemIndex, 'Record ID', recordProblem);
	const call = reader.recipientsAndText(itemIndex, options, 'voice');
	const sender = reader.sender(itemIndex);
	const { delayMinutes, expirationMinutes, expirationSet } = reader.timing(itemIndex, options);
	const windowSetting = readWindowSetting(this, itemIndex, options);
	const state = run.state<VoiceRunState>(() => ({
		partial: [],
		windows: new RunWindows(),
		pacer: pacerForRun(this, itemIndex, options),
	}));
	const readAt = Date.now();
	const window = windowSetting && (await state.windows.resolve(windowSetting));
	const params: GatewayParams = [
		['SenderName', sender],
		['RecordID', String(recordId).trim()],
		['SendToPhoneNumbers', call.recipients.join(',')],
		['Message', call.text],
		['DeliveryDelayInMinutes', String(delayMinutes)],
		['ExpirationDelayInMinutes', String(expirationMinutes)],
	];
	let schedule: WindowSchedule | undefined;
	const answer = await run.sends.once(
		run.sends.keyFor('SendIVRMessages', params),
		[itemIndex],
		async () => {
			await waitForTurn(this, state.pacer, call.recipients.length, itemIndex);
			let sent = params;
			if (window) {
				const timed = paramsUnderWindow(
					this,
					itemIndex,
					params,
					{
						window,
						earliestAt: readAt + delayMinutes * 60_000,
						delayMinutes,
						expirationMinutes: expirationSet ? expirationMinutes : undefined,
					},
					Date.now(),
				);
				schedule = timed.schedule;
				sent = timed.params;
			}
			const reply = await run.caller.asmx('SendIVRMessages', sent, itemIndex, readMessageIdAnswer);
			requireAccepted(
				this.getNode(),
				reply.response,
				itemIndex,
				`Starting the voice call of item ${itemIndex + 1} failed`,
				true,
			);
			return { code: reply.response, messageId: reply.messageId };
		},
	);
	if (isPartialAnswer(answer.code)) {
		if (state.partial.length === 0) run.atEnd(() => addPartialSendHint(this, state.partial));
		state.partial.push(itemIndex);
	}
	return {
		status: answer.code,
		...partialFields(answer.code),
		messageId: answer.messageId,
		recordId: String(recordId).trim(),
		recipients: call.recipients,
		recipientCount: call.recipients.length,
		...(schedule && windowSetting
			? { sendWindow: windowOutput(schedule, windowSetting.timeZone) }
			: {}),
		// The run's rate so far: the last item reports the whole run.
		...(state.pacer ? rateOutput(state.pacer) : {}),
	};
}
