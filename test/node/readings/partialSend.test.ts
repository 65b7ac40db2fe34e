import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';

/**
 * Reading 6 of the API document: SomeMessagesSent. Under the some-refused profile numbers ending in
 * 3 are refused; a request with others answers SomeMessagesSent. The item says so in a field a
 * workflow can branch on, and n8n shows an execution hint.
 */
const SOME_REFUSED = { username: 'some-refused', password: 'some-refused-api-key' };
const parameters = {
	resource: 'sms',
	operation: 'send',
	recipients: '={{ $json.to }}',
	message: '={{ $json.text }}',
	senderName: 'MyShop',
};

describe('SomeMessagesSent under the some-refused sandbox profile', () => {
	const sandbox = useSandbox();

	it('marks the partly sent item partial, leaves the fully sent one as it is, and adds one execution hint', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			parameters,
			[
				{ to: '0541234560, 0541234563', text: 'First' },
				{ to: '0541234561', text: 'Second' },
			],
			{ credentials: SOME_REFUSED },
		);
		expect(result.error()).toBeUndefined();
		const [first, second] = result.output().map((item) => item.json);
		expect(first).toMatchObject({
			status: 'SomeMessagesSent',
			partial: true,
			messageId: '1000001',
			recipients: ['0541234560', '0541234563'],
		});
		expect(first.warning).toBe(
			'SMSCenter answered SomeMessagesSent: Only some of the messages were sent; some recipients were refused. Check the recipients that were not sent. The delivery reports (status 200, Failed) say which recipients were refused.',
		);
		expect(second).toMatchObject({ status: 'OK', partial: false, messageId: '1000002' });
		expect(second).not.toHaveProperty('warning');
		expect(result.hints()).toEqual([
			{
				type: 'warning',
				location: 'outputPane',
				message:
					'SMSCenter sent item(s) 1 only in part. SomeMessagesSent: Only some of the messages were sent; some recipients were refused. Check the recipients that were not sent. These items have "partial": true; the delivery reports (status 200, Failed) say which recipients were refused.',
			},
		]);
		expect(sandbox.messages()[0].recipients.map((r) => [r.msisdn, r.status, r.reason])).toEqual([
			['972541234560', 600, 601],
			['972541234563', 200, 214],
		]);
	});

	it('items that share a partly refused request are all marked, since the answer does not say whose recipient was refused', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			parameters,
			[
				{ to: '0541234560', text: 'Same' },
				{ to: '0541234563', text: 'Same' },
			],
			{ credentials: SOME_REFUSED },
		);
		expect(result.output().map((item) => [item.json.status, item.json.partial])).toEqual([
			['SomeMessagesSent', true],
			['SomeMessagesSent', true],
		]);
		expect(sandbox.calls()).toHaveLength(1);
		expect(result.hints().map((hint) => hint.message.slice(0, 35))).toEqual([
			'SMSCenter sent item(s) 1, 2 only in',
		]);
	});

	it('no hint and partial false when every recipient went out', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			parameters,
			[{ to: '0541234560', text: 'All' }],
			{ credentials: SOME_REFUSED },
		);
		expect(result.output()[0].json).toMatchObject({ status: 'OK', partial: false });
		expect(result.hints()).toEqual([]);
	});

	it('a request whose every recipient was refused is an error, not a partial send', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			parameters,
			[{ to: '0541234563', text: 'None' }],
			{ credentials: SOME_REFUSED },
		);
		expect(result.error()?.message).toBe('SMSCenter answered NoMessagesSent: No message was sent.');
	});
});
