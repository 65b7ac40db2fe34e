import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';

/**
 * Reading 2 of the API document: "The URL must contain all of these parameters". Under the
 * query-only profile pushsms.aspx reads only the query string; Send As: Query String reaches it,
 * the default POST body does not, and the error says what to try.
 */
const QUERY_ONLY = { username: 'query-only', password: 'query-only-api-key' };
const parameters = {
	resource: 'sms',
	operation: 'sendSimple',
	recipients: '0541234560',
	message: 'Hello & שלום',
	senderName: 'MyShop',
};

describe('the simple URL API under the query-only sandbox profile', () => {
	const sandbox = useSandbox();

	it('Send As: Query String sends every parameter, login first, in the URL of a GET', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ ...parameters, options: { sendAs: 'query' } },
			[{}],
			{ credentials: QUERY_ONLY },
		);
		expect(result.error()).toBeUndefined();
		expect(result.output()[0].json).toMatchObject({ status: 'OK', recipients: ['0541234560'] });
		const [call] = sandbox.calls('pushsms');
		expect([call.method, call.path, call.body]).toEqual(['GET', '/Web/pushsms.aspx', '']);
		expect(call.query).toEqual({
			UserName: 'query-only',
			Password: 'query-only-api-key',
			Sender: 'MyShop',
			ToPhoneNumber: '0541234560',
			Message: 'Hello & שלום',
			EnableChaining: '0',
		});
		expect(Object.keys(call.query)).toEqual([
			'UserName',
			'Password',
			'Sender',
			'ToPhoneNumber',
			'Message',
			'EnableChaining',
		]);
		expect(sandbox.messages().map((m) => m.text)).toEqual(['Hello & שלום']);
	});

	it('the default POST body is read as no parameters there, and the error says to try the query string', async () => {
		const result = await runSmsCenter(sandbox.url, parameters, [{}], { credentials: QUERY_ONLY });
		expect(result.error()?.message).toBe(
			'SMSCenter answered Invalid Username or Password.: Invalid username or password.',
		);
		expect(result.error()?.description).toContain(
			'If the login is right, the server may read its parameters from the URL only: try Send As: Query String.',
		);
		const [call] = sandbox.calls('pushsms');
		expect([call.method, call.query]).toEqual(['POST', {}]);
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('the default stays a POST body with nothing in the URL, on the standard profile too', async () => {
		const result = await runSmsCenter(sandbox.url, parameters);
		expect(result.output()[0].json.status).toBe('OK');
		const [call] = sandbox.calls('pushsms');
		expect([call.method, call.query]).toEqual(['POST', {}]);
		expect(new URLSearchParams(call.body).get('Password')).toBe('demo-api-key');
	});
});
