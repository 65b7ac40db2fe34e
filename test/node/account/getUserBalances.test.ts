import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';

describe('Account: Get User Balances in the n8n engine', () => {
	const sandbox = useSandbox();

	it('reads the balances of this user and of all users, one item per user', async () => {
		const mine = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getUserBalances', mode: 'ThisUser' },
			[{}],
			{ credentials: { username: 'marketing', password: 'marketing-api-key' } },
		);
		expect(mine.output()).toEqual([
			{
				json: {
					userName: 'marketing',
					sms: 1350,
					userWorkingInPrepaidMode: true,
					companyWorkingInUserPrepaidMode: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		const all = await runSmsCenter(sandbox.url, {
			resource: 'account',
			operation: 'getUserBalances',
			mode: 'AllUsers',
		});
		expect(all.output().map((i) => i.json.userName)).toEqual(['demo', 'marketing', 'retired']);
		expect(sandbox.calls().map((c) => c.params?.Mode)).toEqual(['ThisUser', 'AllUsers']);
	});
});
