import { useSandbox } from '../harness/sandbox';
import { runSmsCenter } from '../harness/executeWorkflow';
import { MINIMAL } from './fixtures';

function form(body: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(body));
}

/** n8n's Retry On Fail: the engine runs the failed node again, in the same execution, right away. */
// n8n reads a wait of 0 as its default of a second; 10 ms keeps the test short.
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };
const FAST = { timeoutSeconds: 2, readAttempts: 1, backoffMs: 10 };
const ADVICE =
	'The request may have reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.';
const TEXTS = [{ text: 'first' }, { text: 'second' }, { text: 'third' }];
const SMS = {
	resource: 'sms',
	operation: 'send',
	recipients: '0541234560',
	message: '={{ $json.text }}',
	senderName: 'MyShop',
	connection: FAST,
};

describe("n8n's Retry On Fail never sends twice", () => {
	const sandbox = useSandbox();

	// Every request that reached the gateway's address, faulted or not.
	const texts = () => sandbox.requests.map((request) => form(request.body).Message ?? '');
	const sentIds = () => new Map(sandbox.messages().map((message) => [message.text, message.id]));

	it('the second request gets HTTP 500: the gateway sees first, second and third once each, and the retry refuses the unknown one', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', after: 1, times: 1 });
		const run = await runSmsCenter(sandbox.url, SMS as never, TEXTS, { node: RETRY });

		expect(texts().sort()).toEqual(['first', 'second', 'third']);
		expect(sandbox.messages()).toHaveLength(2);
		const failed = TEXTS.findIndex(({ text }) => !sentIds().has(text));
		const error = run.error();
		expect(error?.message).toBe(
			`Item ${failed + 1}: not sent again: an earlier try of this execution may already have sent it`,
		);
		expect(error?.description).toContain(
			`the earlier request for item ${failed + 1} ended without a clear answer: SMSCenter failed with HTTP 500 (SendMessageReturnMessageID). ${ADVICE}`,
		);
		const sent = TEXTS.map((item, index) => ({ ...item, index })).filter(
			(item) => item.index !== failed,
		);
		expect(error?.description).toContain(
			`Already sent in this run, do not send again: ${sent.map((item) => `item ${item.index + 1} (message ID ${sentIds().get(item.text)})`).join('; ')}.`,
		);
	});

	it('one request at a time, as in the report: the retry returns the first, refuses the second and stops', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', after: 1, times: 1 });
		const run = await runSmsCenter(
			sandbox.url,
			{ ...SMS, options: { concurrency: 1 } } as never,
			TEXTS,
			{ node: RETRY },
		);
		expect(texts()).toEqual(['first', 'second']);
		expect(sandbox.messages().map((message) => message.text)).toEqual(['first']);
		expect(run.error()?.message).toBe(
			'Item 2: not sent again: an earlier try of this execution may already have sent it',
		);
		expect(run.error()?.description).toMatch(
			/Already sent in this run, do not send again: item 1 \(message ID 1000001\)\.$/,
		);
	});

	it("a refusal in the gateway's own words proves nothing was sent: the retry sends that request again and the run succeeds", async () => {
		sandbox.injectFault('SendMessageReturnMessageID', {
			kind: 'answerCode',
			code: 'InternalError',
			after: 1,
			times: 1,
		});
		const run = await runSmsCenter(
			sandbox.url,
			{ ...SMS, options: { concurrency: 1 } } as never,
			TEXTS,
			{ node: RETRY },
		);
		expect(run.error()).toBeUndefined();
		expect(texts()).toEqual(['first', 'second', 'second', 'third']);
		expect(sandbox.messages().map((message) => message.text)).toEqual(['first', 'second', 'third']);
		expect(run.output().map((item) => [item.json.messageId, item.pairedItem])).toEqual([
			['1000001', { item: 0 }],
			['1000002', { item: 1 }],
			['1000003', { item: 2 }],
		]);
	});

	it('a timeout after sending is unknown: the retry refuses it, and the gateway has it once', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'resetAfterBody', times: 1 });
		const run = await runSmsCenter(sandbox.url, SMS as never, [TEXTS[0]], { node: RETRY });
		expect(texts()).toEqual(['first']);
		expect(sandbox.messages()).toHaveLength(1);
		expect(run.error()?.message).toBe(
			'Item 1: not sent again: an earlier try of this execution may already have sent it',
		);
		expect(run.error()?.description).toContain(
			'Could not reach SMSCenter (SendMessageReturnMessageID): the connection was closed before an answer came',
		);
	});

	it.each([
		[
			'voice calls: the retry returns the call already placed and refuses the one whose outcome is unknown',
			'SendIVRMessages',
			'http500',
			{ ...MINIMAL.voiceSend, message: 'Reminder' },
			2,
			/Already sent in this run, do not send again: item 1 \(message ID 1000001\)\.$/,
		],
		[
			'the simple URL API: the same, with no message IDs to give',
			'pushsms',
			'http503',
			{ ...MINIMAL.smsSendSimple, message: 'Hello' },
			3,
			/Already sent in this run, do not send again: item 1 \(no message ID\)\.$/,
		],
	] as const)('%s', async (_title, target, kind, parameters, itemCount, description) => {
		sandbox.injectFault(target, { kind, after: 1, times: 1 });
		const run = await runSmsCenter(
			sandbox.url,
			{ ...parameters, recipients: '={{ $json.to }}', connection: FAST } as never,
			['0541234560', '0541234561', '0541234562'].slice(0, itemCount).map((to) => ({ to })),
			{ node: RETRY },
		);
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.messages()).toHaveLength(1);
		expect(run.error()?.message).toBe(
			'Item 2: not sent again: an earlier try of this execution may already have sent it',
		);
		expect(run.error()?.description).toMatch(description);
	});

	it('without Retry On Fail, a run that fails after part of it was sent names every item sent and its message ID', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', after: 2, times: 1 });
		const items = [
			{ to: '0541234560' },
			{ to: '0541234561' },
			{ to: '0541234562' },
			{ to: '0541234563' },
			{ to: '0541234564' },
		];
		const run = await runSmsCenter(
			sandbox.url,
			{
				...SMS,
				recipients: '={{ $json.to }}',
				message: 'Same text',
				options: { batchSize: 2, concurrency: 1 },
			} as never,
			items,
		);
		expect(run.error()?.message).toBe(
			'SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)',
		);
		expect(run.error()?.description).toMatch(
			/Already sent in this run, do not send again: items 1-2 \(message ID 1000001\); items 3-4 \(message ID 1000002\)\.$/,
		);
	});

	it('a new execution of the same workflow is not a retry: it sends again (the ledger is per execution)', async () => {
		await runSmsCenter(sandbox.url, SMS as never, [TEXTS[0]]);
		await runSmsCenter(sandbox.url, SMS as never, [TEXTS[0]]);
		expect(sandbox.messages()).toHaveLength(2);
	});
});
