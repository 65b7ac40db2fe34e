import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';

describe('Account: Get Company Balance in the n8n engine', () => {
	const sandbox = useSandbox();

	it('gets the company balance with CheckCompanyPrePaid over HttpPost', async () => {
		const result = await runSmsCenter(sandbox.url, {
			resource: 'account',
			operation: 'getCompanyBalance',
		});
		expect(result.error()).toBeUndefined();
		expect(result.output()).toEqual([
			{
				json: { sms: 100000, ivrSeconds: 162516, mms: 845, result: 'OK' },
				pairedItem: { item: 0 },
			},
		]);
		const calls = sandbox.calls();
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe('/Web/WebServices/CheckPrePaid.asmx/CheckCompanyPrePaid');
		expect(calls[0].protocol).toBe('form');
		expect(calls[0].body).toBe('UserName=demo&Password=demo-api-key');
	});

	it('reads the company balance over SOAP 1.1 chosen in the node', async () => {
		const result = await runSmsCenter(sandbox.url, {
			resource: 'account',
			operation: 'getCompanyBalance',
			connection: { protocol: 'soap11' },
		});
		expect(result.output()[0].json).toEqual({
			sms: 100000,
			ivrSeconds: 162516,
			mms: 845,
			result: 'OK',
		});
		expect(sandbox.calls()[0]).toMatchObject({
			protocol: 'soap',
			path: '/Web/WebServices/CheckPrePaid.asmx',
			operation: 'CheckCompanyPrePaid',
		});
	});
});
