import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runSmsCenter, sandboxCredentials } from '../harness/executeWorkflow';
import { testSmsCenterCredential } from '../harness/credentialTest';

describe('SMSCenter API credential', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('the credential test passes for a good login, calling the service', async () => {
		const result = await testSmsCenterCredential(sandboxCredentials(sandbox.url, { loginCheckedAt: '' }));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.calls().map((c) => [c.operation, c.body])).toEqual([
			['CheckCompanyPrePaid', 'UserName=demo&Password=demo-api-key'],
			['CheckCompanyPrePaid', 'UserName=demo&Password=demo-api-key'],
		]);
	});

	it.each([
		[{ password: 'wrong' }, 'SMSCenter refused the login: InvalidUserNameOrPassword. Invalid username or password. Check the credential: the password is the encrypted API password issued by SMSCenter support, not the web-site password.'],
		[{ username: 'retired', password: 'retired-api-key' }, 'SMSCenter refused the login: UserIsDisabledOrDeleted. The user is disabled or has been deleted. Ask your SMSCenter administrator to enable the user.'],
		[{ username: 'locked', password: 'locked-api-key' }, "SMSCenter refused the login: InvalidIPAddress. The request came from an IP address the account does not allow. Ask SMSCenter support to allow the n8n server's public IP address."],
	])('the credential test reports SMSCenter\'s own answer for %j', async (overrides, message) => {
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

	it('checks a new credential once before its first request and remembers it', async () => {
		const run = await runSmsCenter(sandbox.url, { resource: 'account', operation: 'getCompanyBalance' }, [{}], { credentials: { loginCheckedAt: '' } });
		expect(run.error()).toBeUndefined();
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['CheckCompanyPrePaid', 'CheckCompanyPrePaid']);
		expect(run.credentialsHelper.updates).toHaveLength(1);
		expect(run.credentialsHelper.updates[0].data.loginCheckedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('a node with a wrong password fails with SMSCenter\'s answer and sends nothing', async () => {
		const run = await runSmsCenter(sandbox.url, { resource: 'sms', operation: 'send', recipients: '0541234560', message: 'Hi', senderName: 'MyShop' }, [{}], {
			credentials: { password: 'wrong', loginCheckedAt: '' },
		});
		expect(run.error()?.message).toContain('InvalidUserNameOrPassword');
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['CheckCompanyPrePaid']);
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('the login check follows the SOAP protocol when the credential asks for it', async () => {
		const result = await testSmsCenterCredential(sandboxCredentials(sandbox.url, { protocol: 'soap11', loginCheckedAt: '' }));
		expect(result.status).toBe('OK');
		expect(sandbox.calls()[0]).toMatchObject({ protocol: 'soap', operation: 'CheckCompanyPrePaid' });
	});
});
