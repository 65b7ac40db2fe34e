import { useSandbox } from '../harness/sandbox';
import { runSmsCenter } from '../harness/executeWorkflow';

/** What the router does for every operation: look it up, build the caller once, loop, pair and catch. */
describe('the router', () => {
	const sandbox = useSandbox();

	it.each([
		['sms', 'nonsense'],
		['sms', 'constructor'],
		['account', 'toString'],
	])('refuses the unknown operation %s / %s and sends nothing', async (resource, operation) => {
		const result = await runSmsCenter(sandbox.url, {
			resource,
			operation,
			recipients: '0541234560',
			message: 'Hi',
			senderName: 'MyShop',
		});
		expect(result.error()?.message).toBe(
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
		expect(result.output()).toEqual([]);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('builds the gateway caller once per run: the credential is decrypted once for all items', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getCompanyBalance' },
			[{}, {}, {}],
		);
		expect(result.output()).toHaveLength(3);
		expect(sandbox.calls('CheckCompanyPrePaid')).toHaveLength(3);
		expect(result.credentialsHelper.decryptions).toBe(1);
	});

	it('pairs every output item with its input item, also when one item gives several', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getUserBalances', mode: '={{ $json.mode }}' },
			[{ mode: 'AllUsers' }, { mode: 'ThisUser' }],
		);
		expect(result.output().map((item) => [item.json.userName, item.pairedItem])).toEqual([
			['demo', { item: 0 }],
			['marketing', { item: 0 }],
			['retired', { item: 0 }],
			['demo', { item: 1 }],
		]);
	});

	it('with Continue On Fail, a failing item becomes an error item in its place and the others still run', async () => {
		sandbox.injectFault('CheckCompanyPrePaid', { kind: 'unknownEnum', times: 1 });
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getCompanyBalance' },
			[{}, {}, {}],
			{ node: { continueOnFail: true } },
		);
		expect(result.error()).toBeUndefined();
		expect(result.output()).toEqual([
			{
				json: {
					error: 'SMSCenter answered SomethingNew: the balance was not given to this login',
					errorDescription:
						'SMSCenter accepted the login but did not give the balance (CheckCompanyPrePaid answered SomethingNew). The API document reserves CheckCompanyPrePaid for back-office administrators, so an ordinary API user or a company that is not prepaid may get this answer; sending is not affected. Ask SMSCenter support if this login should read balances.',
				},
				pairedItem: { item: 0 },
			},
			{
				json: { sms: 100000, ivrSeconds: 162516, mms: 845, result: 'OK' },
				pairedItem: { item: 1 },
			},
			{
				json: { sms: 100000, ivrSeconds: 162516, mms: 845, result: 'OK' },
				pairedItem: { item: 2 },
			},
		]);
	});

	it('without Continue On Fail, stops at the failing item and names it', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'voiceCall', operation: 'getResponses', messageId: '={{ $json.id }}' },
			[{ id: '1000001' }, { id: 'x1' }, { id: '1000002' }],
		);
		expect(result.error()?.message).toBe('Item 2: Message ID: "x1" is not a positive whole number');
		expect(result.error()?.context?.itemIndex).toBe(1);
		expect(sandbox.calls().map((c) => c.params?.MessageID)).toEqual(['1000001']);
	});
});
