import { useSandbox } from '../harness/sandbox';
import { PROFILES } from '../../sandbox/profiles';
import { runSmsCenter } from '../harness/executeWorkflow';

/**
 * How a node test picks a sandbox profile: through the credential alone. Each profile has a fixture user
 * of its name with the API password `<profile>-api-key`, at the sandbox's one base URL.
 */
describe('sandbox profiles selected through the credential', () => {
	const sandbox = useSandbox();

	it.each(Object.keys(PROFILES).filter((name) => name !== 'standard'))(
		'username "%s" plays that profile',
		async (profile) => {
			const run = await runSmsCenter(
				sandbox.url,
				{
					resource: 'sms',
					operation: 'send',
					recipients: '0541234560',
					message: 'Hello',
					senderName: 'MyShop',
					options: { expirationMinutes: 1440 },
				},
				[{}],
				{
					credentials: { username: profile, password: `${profile}-api-key` },
				},
			);
			expect(run.error()).toBeUndefined();
			expect(sandbox.messages().map((m) => [m.userName, m.profile])).toEqual([[profile, profile]]);
		},
	);

	it('the demo user plays the standard profile', async () => {
		await runSmsCenter(sandbox.url, {
			resource: 'sms',
			operation: 'send',
			recipients: '0541234560',
			message: 'Hello',
			senderName: 'MyShop',
		});
		expect(sandbox.messages().map((m) => m.profile)).toEqual(['standard']);
	});
});
