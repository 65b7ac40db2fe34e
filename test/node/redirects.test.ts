import { testSmsCenterCredential } from '../harness/credentialTest';
import { runSmsCenter, sandboxCredentials } from '../harness/executeWorkflow';
import { startRedirect, type RedirectSetup } from '../harness/redirectServer';
import { useSandbox } from '../harness/sandbox';
import { MINIMAL } from './fixtures';

const FAST = { timeoutSeconds: 2, readAttempts: 3, backoffMs: 10 };
const OPERATIONS: Array<[name: string, parameters: Record<string, unknown>, sends: boolean]> = [
	['SMS send', MINIMAL.smsSend, true],
	['simple URL API', MINIMAL.smsSendSimple, true],
	['voice call', MINIMAL.voiceSend, true],
	['company balance', MINIMAL.companyBalance, false],
];
const STATUSES = [301, 302, 303, 307, 308];

/** No request of the package follows a redirect: the login would go to whatever host the answer names. */
describe('redirects are never followed', () => {
	useSandbox();
	let redirect: RedirectSetup | undefined;
	afterEach(async () => {
		await redirect?.close();
		redirect = undefined;
	});

	const cases = STATUSES.flatMap((status) =>
		OPERATIONS.map(([name, parameters, sends]) => [status, name, parameters, sends] as const),
	);

	it.each(cases)(
		'HTTP %i to another host: %s fails naming the host, and nothing reaches it',
		async (status, _name, parameters, sends) => {
			redirect = await startRedirect(status);
			const run = await runSmsCenter(redirect.url, { ...parameters, connection: FAST } as never);
			const error = run.error();
			expect(error?.message).toMatch(
				new RegExp(
					`^SMSCenter's address answered HTTP ${status}, a redirect to ${redirect.targetHost.replace(/\./g, '\\.')} \\(`,
				),
			);
			expect(redirect.reachedTarget).toEqual([]);
			expect(redirect.redirected()).toBe(1);
			expect(
				JSON.stringify({ message: error?.message, description: error?.description }),
			).not.toContain('redirect-query-secret');
			if (sends)
				expect(error?.description).toContain('check the SMSCenter reports before sending again');
			expect(error?.description).toContain('Redirects are not followed');
		},
	);

	it.each([307, 308])(
		'the credential test does not follow HTTP %i and names the host it pointed at',
		async (status) => {
			redirect = await startRedirect(status);
			const refused = await testSmsCenterCredential(sandboxCredentials(redirect.url));
			expect(refused.status).toBe('Error');
			expect(refused.message).toContain(`HTTP ${status} to ${redirect.targetHost}`);
			expect(redirect.redirected()).toBe(1);
			expect(redirect.reachedTarget).toEqual([]);
		},
	);
});
