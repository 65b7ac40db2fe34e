import { useSandbox } from '../harness/sandbox';
import type { FaultKind } from '../../sandbox/types';
import { runSmsCenter } from '../harness/executeWorkflow';
import { MINIMAL } from './fixtures';

const FAST = { timeoutSeconds: 2, readAttempts: 2, backoffMs: 10 };
const ADVICE =
	'The request may have reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.';

const SENDS: Array<[method: string, parameters: Record<string, unknown>]> = [
	['SendMessageReturnMessageID', MINIMAL.smsSend],
	['SendMessagesV2', MINIMAL.smsSendV2],
	['SendIVRMessages', MINIMAL.voiceSend],
	['pushsms.aspx', MINIMAL.smsSendSimple],
];
const FAULTS: FaultKind[] = ['loginPage', 'otherXml', 'okPrefixed'];

const targetOf = (method: string) => (method === 'pushsms.aspx' ? 'pushsms' : method);

/** Answers to a send that are not the method's answer: the send may have happened, and the error must say so. */
describe('malformed answers to a send', () => {
	const sandbox = useSandbox();

	const cases = SENDS.flatMap(([method, parameters]) =>
		FAULTS.map((fault) => [method, fault, parameters] as const),
	);

	it.each(cases)(
		'%s answered with %s: an error naming the method, with the advice to check the reports',
		async (method, fault, parameters) => {
			sandbox.injectFault(targetOf(method), { kind: fault, times: 1 });
			const run = await runSmsCenter(sandbox.url, { ...parameters, connection: FAST } as never);
			const error = run.error();
			expect(run.output()).toEqual([]);
			expect(error?.message).toBe(`SMSCenter's answer could not be read (${method})`);
			expect(error?.description).toContain(ADVICE);
			expect((error?.message ?? '').length).toBeLessThan(200);
			expect((error?.description ?? '').length).toBeLessThan(700);
			expect(error?.context?.itemIndex).toBe(0);
			expect(
				sandbox.calls().length + sandbox.requests.filter((r) => r.operation === undefined).length,
			).toBe(1);
		},
	);

	it('an HTML login page with HTTP 200 names the method and does not quote the page', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'loginPage', times: 1 });
		const error = (
			await runSmsCenter(sandbox.url, { ...SENDS[0][1], connection: FAST } as never)
		).error();
		expect(error?.message).toBe(
			"SMSCenter's answer could not be read (SendMessageReturnMessageID)",
		);
		expect(error?.description).not.toContain('font-family');
		expect(error?.description).not.toContain('dataLayer');
	});

	it('the simple URL API counts only the answer OK as sent: a text starting with "OK" is not', async () => {
		sandbox.injectFault('pushsms', { kind: 'okPrefixed', times: 1 });
		const run = await runSmsCenter(sandbox.url, { ...SENDS[3][1], connection: FAST } as never);
		expect(run.output()).toEqual([]);
		expect(run.error()?.message).toBe("SMSCenter's answer could not be read (pushsms.aspx)");
		expect(run.error()?.description).toContain(
			'the answer is none of the answers pushsms.aspx documents',
		);
	});

	it('the simple URL API never puts a 50 KB page into the error', async () => {
		sandbox.injectFault('pushsms', { kind: 'loginPage', times: 1 });
		const run = await runSmsCenter(sandbox.url, { ...SENDS[3][1], connection: FAST } as never);
		expect(run.error()?.message).toBe("SMSCenter's answer could not be read (pushsms.aspx)");
		expect(JSON.stringify(run.run.data.resultData).length).toBeLessThan(10_000);
	});

	it('a documented refusal of the simple URL API is a refusal, in its own words, and says nothing was sent', async () => {
		const run = await runSmsCenter(
			sandbox.url,
			{ ...SENDS[3][1], connection: FAST } as never,
			[{}],
			{ credentials: { password: 'wrong' } },
		);
		expect(run.error()?.message).toBe(
			'SMSCenter answered Invalid Username or Password.: Invalid username or password.',
		);
		expect(run.error()?.description).not.toContain(ADVICE);
	});

	it('a read answered with a login page is retried, then names the method', async () => {
		sandbox.injectFault('CheckCompanyPrePaid', { kind: 'loginPage' });
		const run = await runSmsCenter(sandbox.url, {
			resource: 'account',
			operation: 'getCompanyBalance',
			connection: FAST,
		} as never);
		expect(run.error()?.message).toBe("SMSCenter's answer could not be read (CheckCompanyPrePaid)");
		expect(run.error()?.description).toMatch(/Tried 2 times\.$/);
		expect(run.error()?.description).not.toContain(ADVICE);
	});
});
