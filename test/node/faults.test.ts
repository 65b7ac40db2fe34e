import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { FaultKind } from '../../sandbox/types';
import { runSmsCenter } from '../harness/executeWorkflow';

const FAST = { timeoutSeconds: 1, readAttempts: 3, backoffMs: 20 };
const SEND = { resource: 'sms', operation: 'send', recipients: '0541234560', message: 'Hello', senderName: 'MyShop', connection: FAST };

const SEND_FAULTS: Array<[FaultKind, string, number]> = [
	['http500', 'SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)', 0],
	['http503', 'SMSCenter failed with HTTP 503 (SendMessageReturnMessageID)', 0],
	['hang', 'Could not reach SMSCenter (SendMessageReturnMessageID): no answer came within the timeout', 0],
	['resetBeforeBody', 'Could not reach SMSCenter (SendMessageReturnMessageID): the connection was closed before an answer came', 0],
	['resetAfterBody', 'Could not reach SMSCenter (SendMessageReturnMessageID): the connection was closed before an answer came', 1],
	['malformedXml', "SMSCenter's answer could not be read (SendMessageReturnMessageID)", 0],
	['soapFault', 'SMSCenter returned a SOAP fault (SendMessageReturnMessageID): soap:Server', 0],
	['emptyBody', "SMSCenter's answer could not be read (SendMessageReturnMessageID)", 0],
	['unknownEnum', 'SMSCenter answered SomethingNew: SMSCenter answered with a code this node does not know.', 0],
];

describe('gateway faults', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it.each(SEND_FAULTS)('a send meeting %s fails its item clearly and is never repeated', async (kind, message, sent) => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind, times: 1 });
		const result = await runSmsCenter(sandbox.url, SEND as never);
		const error = result.error();
		expect(error?.message).toBe(message);
		expect(error?.message).not.toContain('demo-api-key');
		expect(error?.description ?? '').not.toContain('demo-api-key');
		expect(sandbox.calls('SendMessageReturnMessageID').length + sandbox.requests.filter((r) => r.operation === undefined).length).toBe(1);
		expect(sandbox.messages()).toHaveLength(sent);
	});

	it('says when a failed send may still have reached SMSCenter', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'resetAfterBody', times: 1 });
		const result = await runSmsCenter(sandbox.url, SEND as never);
		expect(result.error()?.description).toContain('The request may have reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.');
	});

	it.each(['http500', 'http503', 'hang', 'resetBeforeBody', 'resetAfterBody', 'malformedXml', 'emptyBody'] as FaultKind[])(
		'a read meeting %s twice is retried with backoff and then succeeds',
		async (kind) => {
			sandbox.injectFault('CheckCompanyPrePaid', { kind, times: 2 });
			const result = await runSmsCenter(sandbox.url, { resource: 'account', operation: 'getCompanyBalance', connection: FAST } as never);
			expect(result.error()).toBeUndefined();
			expect(result.output()[0].json).toEqual({ sms: 100000, ivrSeconds: 162516, mms: 845, result: 'OK' });
			expect(sandbox.requests.filter((r) => r.path.includes('CheckPrePaid'))).toHaveLength(3);
		},
	);

	it('a read that keeps failing says how often it was tried', async () => {
		sandbox.injectFault('CheckCompanyPrePaid', { kind: 'http503' });
		const result = await runSmsCenter(sandbox.url, { resource: 'account', operation: 'getCompanyBalance', connection: FAST } as never);
		expect(result.error()?.message).toBe('SMSCenter failed with HTTP 503 (CheckCompanyPrePaid)');
		expect(result.error()?.description).toMatch(/Tried 3 times\.$/);
	});

	it('with Continue On Fail, a failed batch gives error items and the other batches go through once', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', times: 1 });
		const result = await runSmsCenter(
			sandbox.url,
			{ ...SEND, recipients: '={{ $json.to }}', message: '={{ $json.text }}', options: { concurrency: 1 } } as never,
			[
				{ to: '0541234560', text: 'first' },
				{ to: '0541234561', text: 'second' },
				{ to: '0541234562', text: 'second' },
			],
			{ node: { continueOnFail: true } },
		);
		expect(result.output().map((item) => [item.json.error ?? item.json.status, item.pairedItem])).toEqual([
			['SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)', { item: 0 }],
			['OK', { item: 1 }],
			['OK', { item: 2 }],
		]);
		expect(sandbox.messages().map((m) => [m.text, m.recipients.length])).toEqual([['second', 2]]);
	});

	it('without Continue On Fail, stops starting batches after the first failure', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', times: 1 });
		const result = await runSmsCenter(
			sandbox.url,
			{ ...SEND, recipients: '={{ $json.to }}', message: '={{ $json.text }}', options: { concurrency: 1 } } as never,
			[
				{ to: '0541234560', text: 'first' },
				{ to: '0541234561', text: 'second' },
			],
		);
		expect(result.error()?.message).toBe('SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.messages()).toHaveLength(0);
	});
});
