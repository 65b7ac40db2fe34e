import { useSandbox } from '../harness/sandbox';
import { runSmsCenter, sandboxCredentials } from '../harness/executeWorkflow';
import { testSmsCenterCredential } from '../harness/credentialTest';
import { startRecordingServer, type RecordingServer } from '../harness/recordingServer';
import { MINIMAL } from './fixtures';

/** The credential of a sandbox profile's fixture account. */
const profileLogin = (profile: string) => ({ username: profile, password: `${profile}-api-key` });

describe('SMSCenter API credential', () => {
	const sandbox = useSandbox();

	it('the credential test passes for a good login, calling the service in the HTTP POST form', async () => {
		const result = await testSmsCenterCredential(sandboxCredentials(sandbox.url));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.calls().map((c) => [c.protocol, c.operation, c.body])).toEqual([
			['form', 'CheckCompanyPrePaid', 'UserName=demo&Password=demo-api-key'],
		]);
	});

	it('a SOAP credential is tested over SOAP only, so a server with the HTTP POST form turned off passes', async () => {
		const result = await testSmsCenterCredential(
			sandboxCredentials(sandbox.url, { protocol: 'soap11' }),
		);
		expect(result.status).toBe('OK');
		expect(sandbox.calls().map((c) => [c.protocol, c.operation, c.params])).toEqual([
			['soap', 'CheckCompanyPrePaid', { UserName: 'demo', Password: 'demo-api-key' }],
		]);
	});

	it.each([
		['api-user', 'UserIsNotAdministrator'],
		['postpaid-company', 'CompanyIsNotPrePaid'],
	])(
		'passes for the %s profile, whose company-balance call is refused with %s while sends work, and says why',
		async (profile, code) => {
			const result = await testSmsCenterCredential(
				sandboxCredentials(sandbox.url, profileLogin(profile)),
			);
			expect(result.status).toBe('OK');
			expect(result.message).toMatch(
				new RegExp(
					`^Connection successful\\. SMSCenter accepted the login but did not give the balance \\(CheckCompanyPrePaid answered ${code}\\)\\. `,
				),
			);
			expect(sandbox.calls()[0].operation).toBe('CheckCompanyPrePaid');
			const sent = await runSmsCenter(sandbox.url, MINIMAL.smsSend, [{}], {
				credentials: profileLogin(profile),
			});
			expect(sent.output()[0].json.status).toBe('OK');
			const balance = await runSmsCenter(
				sandbox.url,
				{ resource: 'account', operation: 'getCompanyBalance' },
				[{}],
				{ credentials: profileLogin(profile) },
			);
			expect(balance.error()?.message).toBe(
				`SMSCenter answered ${code}: the balance was not given to this login`,
			);
			expect(balance.error()?.description).toContain(
				'The API document reserves CheckCompanyPrePaid for back-office administrators',
			);
		},
	);

	it.each([
		[
			{ password: 'wrong' },
			'SMSCenter refused the login: InvalidUserNameOrPassword. Invalid username or password. Check the credential: the password is the encrypted API password issued by SMSCenter support, not the web-site password.',
		],
		[
			{ username: 'retired', password: 'retired-api-key' },
			'SMSCenter refused the login: UserIsDisabledOrDeleted. The user is disabled or has been deleted. Ask your SMSCenter administrator to enable the user.',
		],
		[
			{ username: 'locked', password: 'locked-api-key' },
			"SMSCenter refused the login: InvalidIPAddress. The request came from an IP address the account does not allow. Ask SMSCenter support to allow the n8n server's public IP address.",
		],
		[
			{ username: 'closed', password: 'closed-api-key' },
			'SMSCenter refused the login: CompanyIsDisabled. The company is disabled. Contact SMSCenter support.',
		],
	])("the credential test fails with SMSCenter's own answer for %j", async (overrides, message) => {
		const result = await testSmsCenterCredential(sandboxCredentials(sandbox.url, overrides));
		expect(result).toEqual({ status: 'Error', message });
		expect(JSON.stringify(result)).not.toContain(String(overrides.password));
	});

	it('the credential test refuses plain HTTP to a host that is not loopback', async () => {
		const result = await testSmsCenterCredential(sandboxCredentials('http://sms.example.com'));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('SMSCenter only accepts HTTPS');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('the credential test names a base URL that is not SMSCenter', async () => {
		const result = await testSmsCenterCredential(sandboxCredentials(`${sandbox.url}/elsewhere`));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'SMSCenter did not answer the login check (CheckCompanyPrePaid) as expected: HTTP 404.',
		);
	});

	it('the credential test says when SMSCenter cannot be reached', async () => {
		const result = await testSmsCenterCredential(sandboxCredentials('http://127.0.0.1:1'));
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Could not reach SMSCenter at 127.0.0.1:1 (CheckCompanyPrePaid): the connection was refused (ECONNREFUSED)',
		);
	});

	describe('a base URL that redirects', () => {
		let redirecting: RecordingServer;
		let elsewhere: RecordingServer;
		beforeAll(async () => {
			redirecting = await startRecordingServer();
			elsewhere = await startRecordingServer();
			redirecting.answerWith((request) => ({
				status: 307,
				headers: { location: `${elsewhere.url}${request.url}` },
			}));
		});
		afterAll(async () => {
			await redirecting.close();
			await elsewhere.close();
		});

		it('fails the test naming the redirect, and the login goes nowhere else', async () => {
			const result = await testSmsCenterCredential(sandboxCredentials(redirecting.url));
			expect(result.status).toBe('Error');
			expect(result.message).toContain(
				`answered with a redirect (HTTP 307 to ${new URL(elsewhere.url).host}), which was not followed`,
			);
			expect(redirecting.requests).toHaveLength(1);
			expect(elsewhere.requests).toHaveLength(0);
		});
	});

	it("no check before first use: a new credential's first request is the send itself, and nothing is written to it", async () => {
		const run = await runSmsCenter(sandbox.url, MINIMAL.smsSend);
		expect(run.error()).toBeUndefined();
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['SendMessageReturnMessageID']);
		expect(run.credentialsHelper.preAuthentications).toBe(0);
		expect(run.credentialsHelper.updates).toEqual([]);
	});

	it("a wrong password fails the send with SMSCenter's answer, saying that nothing was sent", async () => {
		const run = await runSmsCenter(sandbox.url, MINIMAL.smsSend, [{}], {
			credentials: { password: 'wrong' },
		});
		expect(run.error()?.message).toBe(
			'SMSCenter answered InvalidUserNameOrPassword: Invalid username or password.',
		);
		expect(run.error()?.description).toContain('Nothing was sent: SMSCenter refused the login.');
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['SendMessageReturnMessageID']);
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('with Continue On Fail, a refused login costs one request per run, not one per item or batch', async () => {
		const items = [
			{ to: '0541234560', text: 'a' },
			{ to: '0541234561', text: 'b' },
			{ to: '0541234562', text: 'c' },
		];
		const parameters = {
			recipients: '={{ $json.to }}',
			message: '={{ $json.text }}',
			senderName: 'MyShop',
		};
		const node = { onError: 'continueRegularOutput' as const };
		const simple = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'sendSimple', ...parameters },
			items,
			{ credentials: { password: 'wrong' }, node },
		);
		expect(simple.output().map((i) => i.json.error)).toEqual([
			'SMSCenter answered Invalid Username or Password.: Invalid username or password.',
			'Item 2: not tried: SMSCenter answered Invalid Username or Password.: Invalid username or password.',
			'Item 3: not tried: SMSCenter answered Invalid Username or Password.: Invalid username or password.',
		]);
		expect(simple.output().map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(sandbox.calls()).toHaveLength(1);

		sandbox.reset();
		const bulk = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'send', ...parameters, options: { concurrency: 1 } },
			items,
			{ credentials: { password: 'wrong' }, node },
		);
		expect(bulk.output()).toHaveLength(3);
		expect(bulk.output().every((i) => typeof i.json.error === 'string')).toBe(true);
		expect(sandbox.calls()).toHaveLength(1);
	});
});
