import type { FaultKind } from '../../sandbox/types';
import { runSmsCenter, type WorkflowRun } from '../harness/executeWorkflow';
import { fixtureWith, useSandbox } from '../harness/sandbox';
import { MINIMAL, TRANSIENT_FAULTS } from './fixtures';

/** A password no other text resembles, so a leak anywhere is found by plain search. */
const PASSWORD = 'Pw-Matrix-4f9c2e7d-NotForLogs';
const FAST = { timeoutSeconds: 1, readAttempts: 3, backoffMs: 10 };

interface Operation {
	name: string;
	target: string;
	sends: boolean;
	parameters: Record<string, unknown>;
}

const OPERATIONS: Operation[] = [
	{
		name: 'SMS send',
		target: 'SendMessageReturnMessageID',
		sends: true,
		parameters: MINIMAL.smsSend,
	},
	{
		name: 'SMS send (SendMessagesV2)',
		target: 'SendMessagesV2',
		sends: true,
		parameters: MINIMAL.smsSendV2,
	},
	{ name: 'SMS simple URL API', target: 'pushsms', sends: true, parameters: MINIMAL.smsSendSimple },
	{
		name: 'voice call send',
		target: 'SendIVRMessages',
		sends: true,
		parameters: MINIMAL.voiceSend,
	},
	{
		name: 'SMS estimate',
		target: 'CheckCompanyPrePaid',
		sends: false,
		parameters: MINIMAL.smsEstimate,
	},
	{
		name: 'voice call responses',
		target: 'GetMessagesResponseByMessageID',
		sends: false,
		parameters: MINIMAL.voiceResponses,
	},
	{
		name: 'company balance',
		target: 'CheckCompanyPrePaid',
		sends: false,
		parameters: MINIMAL.companyBalance,
	},
	{
		name: 'user balances',
		target: 'CheckUsersPrePaid',
		sends: false,
		parameters: MINIMAL.userBalances('AllUsers'),
	},
];

const FAULTS: FaultKind[] = [...TRANSIENT_FAULTS, 'soapFault', 'unknownEnum'];

/** Reads retry these (the sandbox's SOAP fault is a soap:Server one); an unknown answer code is final. */
const RETRIED: FaultKind[] = [...TRANSIENT_FAULTS, 'soapFault'];

function everything(run: WorkflowRun): string {
	const error = run.error();
	return JSON.stringify({
		output: run.output(),
		message: error?.message,
		description: error?.description,
		stack: error?.stack,
		context: error?.context,
		cause: String((error as { cause?: unknown })?.cause ?? ''),
	});
}

describe('every operation under every gateway fault', () => {
	const sandbox = useSandbox({
		fixture: fixtureWith((fixture) => {
			fixture.companies[0].users[0].password = PASSWORD;
		}),
	});

	const cases = OPERATIONS.flatMap((operation) =>
		FAULTS.map((fault) => [operation.name, fault, operation] as const),
	);

	it.each(cases)('%s meeting %s', async (_name, fault, operation) => {
		if (operation.target === 'GetMessagesResponseByMessageID') {
			await runSmsCenter(sandbox.url, { ...MINIMAL.voiceSend, message: 'x' } as never, [{}], {
				credentials: { password: PASSWORD },
			});
			sandbox.requests.length = 0;
		}
		const sentBefore = sandbox.messages().length;
		sandbox.injectFault(operation.target, { kind: fault, times: operation.sends ? 1 : 2 });
		const run = await runSmsCenter(
			sandbox.url,
			{ ...operation.parameters, connection: FAST } as never,
			[{}],
			{ credentials: { password: PASSWORD } },
		);
		const attempts = sandbox.requests.filter(
			(r) => r.operation === operation.target || r.operation === undefined,
		).length;

		expect(everything(run)).not.toContain(PASSWORD);
		if (operation.sends) {
			expect(run.error()?.message).toMatch(/^(SMSCenter|Could not reach SMSCenter)/);
			expect(run.error()?.context?.itemIndex).toBe(0);
			expect(attempts).toBe(1);
			expect(sandbox.messages().length - sentBefore).toBe(fault === 'resetAfterBody' ? 1 : 0);
		} else if (RETRIED.includes(fault)) {
			expect(run.error()).toBeUndefined();
			expect(run.output().length).toBeGreaterThan(0);
			expect(attempts).toBe(3);
		} else if (operation.name === 'SMS estimate') {
			// An unknown balance answer withholds the balance, which the estimate says instead of failing.
			expect(run.error()).toBeUndefined();
			expect(run.output()[0].json.balanceNote).toContain(
				'CheckCompanyPrePaid answered SomethingNew',
			);
			expect(attempts).toBe(1);
		} else {
			expect(run.error()?.message).toMatch(/^SMSCenter answered SomethingNew: /);
			expect(attempts).toBe(1);
		}
	});

	it('with Continue On Fail, a failing item gives an error item and the next item still goes through, once', async () => {
		sandbox.injectFault('pushsms', { kind: 'http503', times: 1 });
		const run = await runSmsCenter(
			sandbox.url,
			{ ...OPERATIONS[2].parameters, recipients: '={{ $json.to }}', connection: FAST } as never,
			[{ to: '0541234560' }, { to: '0541234561' }],
			{ credentials: { password: PASSWORD }, node: { continueOnFail: true } },
		);
		expect(
			run.output().map((item) => [item.json.error ?? item.json.status, item.pairedItem]),
		).toEqual([
			['SMSCenter failed with HTTP 503 (pushsms.aspx)', { item: 0 }],
			['OK', { item: 1 }],
		]);
		expect(sandbox.messages().map((m) => m.recipients[0].msisdn)).toEqual(['972541234561']);
		expect(everything(run)).not.toContain(PASSWORD);
	});
});
