import { useSandbox } from '../harness/sandbox';
import type { FaultKind } from '../../sandbox/types';
import { createServer } from 'node:net';
import { runSmsCenter, sandboxCredentials } from '../harness/executeWorkflow';
import { testSmsCenterCredential } from '../harness/credentialTest';
import { TRANSIENT_FAULTS } from './fixtures';

/** A loopback address where nothing listens: a port that was just free. */
async function unreachableUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

const FAST = { timeoutSeconds: 1, readAttempts: 3, backoffMs: 20 };
const SEND = {
	resource: 'sms',
	operation: 'send',
	recipients: '0541234560',
	message: 'Hello',
	senderName: 'MyShop',
	connection: FAST,
};

const SEND_FAULTS: Array<[FaultKind, string, number]> = [
	['http500', 'SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)', 0],
	['http503', 'SMSCenter failed with HTTP 503 (SendMessageReturnMessageID)', 0],
	[
		'hang',
		'Could not reach SMSCenter (SendMessageReturnMessageID): no answer came within the timeout',
		0,
	],
	[
		'resetBeforeBody',
		'Could not reach SMSCenter (SendMessageReturnMessageID): the connection was closed before an answer came',
		0,
	],
	[
		'resetAfterBody',
		'Could not reach SMSCenter (SendMessageReturnMessageID): the connection was closed before an answer came',
		1,
	],
	['malformedXml', "SMSCenter's answer could not be read (SendMessageReturnMessageID)", 0],
	['soapFault', 'SMSCenter returned a SOAP fault (SendMessageReturnMessageID): soap:Server', 0],
	['emptyBody', "SMSCenter's answer could not be read (SendMessageReturnMessageID)", 0],
	[
		'unknownEnum',
		'SMSCenter answered SomethingNew: SMSCenter answered with a code this node does not know.',
		0,
	],
];

describe('gateway faults', () => {
	const sandbox = useSandbox();

	it.each(SEND_FAULTS)(
		'a send meeting %s fails its item clearly and is never repeated',
		async (kind, message, sent) => {
			sandbox.injectFault('SendMessageReturnMessageID', { kind, times: 1 });
			const result = await runSmsCenter(sandbox.url, SEND as never);
			const error = result.error();
			expect(error?.message).toBe(message);
			expect(error?.message).not.toContain('demo-api-key');
			expect(error?.description ?? '').not.toContain('demo-api-key');
			expect(
				sandbox.calls('SendMessageReturnMessageID').length +
					sandbox.requests.filter((r) => r.operation === undefined).length,
			).toBe(1);
			expect(sandbox.messages()).toHaveLength(sent);
		},
	);

	it('says when a failed send may still have reached SMSCenter', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'resetAfterBody', times: 1 });
		const result = await runSmsCenter(sandbox.url, SEND as never);
		expect(result.error()?.description).toContain(
			'The request may have reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.',
		);
	});

	it.each(TRANSIENT_FAULTS)(
		'a read meeting %s twice is retried with backoff and then succeeds',
		async (kind) => {
			sandbox.injectFault('CheckCompanyPrePaid', { kind, times: 2 });
			const result = await runSmsCenter(sandbox.url, {
				resource: 'account',
				operation: 'getCompanyBalance',
				connection: FAST,
			} as never);
			expect(result.error()).toBeUndefined();
			expect(result.output()[0].json).toEqual({
				sms: 100000,
				ivrSeconds: 162516,
				mms: 845,
				result: 'OK',
			});
			expect(sandbox.requests.filter((r) => r.path.includes('CheckPrePaid'))).toHaveLength(3);
		},
	);

	it('a read that keeps failing says how often it was tried', async () => {
		sandbox.injectFault('CheckCompanyPrePaid', { kind: 'http503' });
		const result = await runSmsCenter(sandbox.url, {
			resource: 'account',
			operation: 'getCompanyBalance',
			connection: FAST,
		} as never);
		expect(result.error()?.message).toBe('SMSCenter failed with HTTP 503 (CheckCompanyPrePaid)');
		expect(result.error()?.description).toMatch(/Tried 3 times\.$/);
	});

	it('an unreachable host fails a send at once, saying nothing was sent', async () => {
		const result = await runSmsCenter(await unreachableUrl(), SEND as never);
		expect(result.error()?.message).toBe(
			'Could not reach SMSCenter (SendMessageReturnMessageID): the connection was refused',
		);
		expect(result.error()?.description).toMatch(/^ECONNREFUSED: .*\. Nothing was sent\.$/);
		expect(result.error()?.context?.itemIndex).toBe(0);
	});

	it('an unreachable host fails a read after its attempts, saying how often it was tried', async () => {
		const result = await runSmsCenter(await unreachableUrl(), {
			resource: 'account',
			operation: 'getCompanyBalance',
			connection: FAST,
		} as never);
		expect(result.error()?.message).toBe(
			'Could not reach SMSCenter (CheckCompanyPrePaid): the connection was refused',
		);
		expect(result.error()?.description).toMatch(/^ECONNREFUSED: .* Tried 3 times\.$/);
	});

	it('an unreachable host fails the credential test in words', async () => {
		const url = await unreachableUrl();
		const result = await testSmsCenterCredential(sandboxCredentials(url));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`Could not reach SMSCenter at ${new URL(url).host} (CheckCompanyPrePaid): the connection was refused (ECONNREFUSED)`,
		);
	});
});
