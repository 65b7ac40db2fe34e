import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { MINIMAL } from '../fixtures';

/**
 * Reading 4 of the API document: it never says what ExpirationDelayInMinutes=0 means. Under the
 * expire-zero profile 0 expires the message at once (status 200, reason 210); the default the node
 * sends must deliver there and everywhere else.
 */
const EXPIRE_ZERO = { username: 'expire-zero', password: 'expire-zero-api-key' };
const sms = {
	resource: 'sms',
	operation: 'send',
	recipients: '0541234560,0541234561',
	message: 'Hi',
	senderName: 'MyShop',
};
const call = {
	...MINIMAL.voiceSend,
	message: 'Reminder',
};

describe('the default expiration under the expire-zero sandbox profile', () => {
	const sandbox = useSandbox();

	const sentExpiration = () => sandbox.calls().map((c) => c.params?.ExpirationDelayInMinutes);

	it('an SMS without an Expiration option is sent with a day and delivered, not expired', async () => {
		const result = await runSmsCenter(sandbox.url, sms, [{}], { credentials: EXPIRE_ZERO });
		expect(result.output()[0].json.status).toBe('OK');
		expect(sentExpiration()).toEqual(['1440']);
		expect(sandbox.messages()[0].recipients.map((r) => [r.status, r.reason])).toEqual([
			[600, 601],
			[600, 601],
		]);
	});

	it('a delayed SMS gets a day after its delay, so it cannot expire before it is sent', async () => {
		await runSmsCenter(sandbox.url, { ...sms, options: { delayMinutes: 2000 } }, [{}], {
			credentials: EXPIRE_ZERO,
		});
		expect(
			sandbox
				.calls()
				.map((c) => [c.params?.DeliveryDelayInMinutes, c.params?.ExpirationDelayInMinutes]),
		).toEqual([['2000', '3440']]);
		expect(sandbox.messages()[0].recipients.every((r) => r.status !== 200)).toBe(true);
	});

	it('a voice call without an Expiration option is sent with a day, not 0', async () => {
		const result = await runSmsCenter(sandbox.url, call, [{}], { credentials: EXPIRE_ZERO });
		expect(result.output()[0].json.status).toBe('OK');
		expect(sentExpiration()).toEqual(['1440']);
		expect(sandbox.messages()[0].recipients.map((r) => r.status)).not.toContain(200);
	});

	it('0 is sent only when the user enters it, and then the profile expires the message', async () => {
		await runSmsCenter(sandbox.url, { ...sms, options: { expirationMinutes: 0 } }, [{}], {
			credentials: EXPIRE_ZERO,
		});
		expect(sentExpiration()).toEqual(['0']);
		expect(sandbox.messages()[0].recipients.map((r) => [r.status, r.reason])).toEqual([
			[200, 210],
			[200, 210],
		]);
	});
});
