import { nodeLogger } from '../harness/triggerServer';
import { call, DELIVERED, notification, notify, SECRET, useTriggers } from './notifications';

describe('SMSCenter Trigger: the IP allowlist fails closed', () => {
	const startTrigger = useTriggers();
	afterEach(() => {
		jest.restoreAllMocks();
	});

	it.each(['192.0.2.10/', '/-0', '10.0.0.1/33', '::1/', '::1/x', 'localhost', '127.0.0.1/8/8'])(
		'a malformed entry (%s) stops activation, naming the entry, and every call is refused with a logged reason',
		async (bad) => {
			const errors = jest.spyOn(nodeLogger(), 'error').mockImplementation(() => {});
			// The caller (127.0.0.1) is in the list: only the malformed entry stands in the way.
			const trigger = await startTrigger(
				{ options: { allowedIps: `127.0.0.0/8, ${bad}` } },
				{ credentialSecret: SECRET },
			);

			await expect(trigger.lifecycle('checkExists')).rejects.toThrow(
				`Allowed IP Addresses: "${bad}" is not an IP address or CIDR range`,
			);
			await expect(trigger.lifecycle('create')).rejects.toThrow(`"${bad}"`);

			expect(await notify(trigger)).toEqual({
				status: 403,
				body: 'Forbidden',
			});
			expect(trigger.executions).toHaveLength(0);
			expect(errors).toHaveBeenCalledWith(
				expect.stringContaining(
					`Allowed IP Addresses: "${bad}" is not an IP address or CIDR range`,
				),
			);
		},
	);

	it('an IPv4 caller seen as an IPv4-mapped IPv6 address matches IPv4 ranges', async () => {
		let trigger = await startTrigger(
			{ options: { allowedIps: '127.0.0.0/8' } },
			{ credentialSecret: SECRET, listenHost: '::' },
		);
		expect(await notify(trigger)).toEqual({
			status: 200,
			body: '_OK_',
		});
		await trigger.close();
		trigger = await startTrigger(
			{ options: { allowedIps: '10.0.0.0/8, ::1' } },
			{ credentialSecret: SECRET, listenHost: '::' },
		);
		expect(await notify(trigger, { ...DELIVERED, MsgID: '1000002' })).toEqual({
			status: 403,
			body: 'Forbidden',
		});
		expect(trigger.executions).toHaveLength(0);
	});

	it('activates with a valid list', async () => {
		const trigger = await startTrigger(
			{ options: { allowedIps: '192.0.2.10, 198.51.100.0/24 2001:db8::/32' } },
			{ credentialSecret: SECRET },
		);
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		expect(await trigger.lifecycle('create')).toBe(true);
	});

	describe('behind a reverse proxy (n8n reads the client address as N8N_PROXY_HOPS says)', () => {
		const allowed = { options: { allowedIps: '203.0.113.0/24' } };

		it('with no proxy hops set, X-Forwarded-For is ignored: the allowlist sees the connecting address', async () => {
			const trigger = await startTrigger(allowed, { credentialSecret: SECRET, trustProxy: false });
			const spoofed = await call(notification(trigger.productionUrl, DELIVERED), {
				headers: { 'x-forwarded-for': '203.0.113.7' },
			});
			expect(spoofed).toEqual({ status: 403, body: 'Forbidden' });
		});

		it('with one hop, the address the proxy appended counts; what the client wrote before it is ignored', async () => {
			const trigger = await startTrigger(allowed, { credentialSecret: SECRET, trustProxy: 1 });
			// The proxy appends the address it saw: 203.0.113.7 is the real client.
			expect(
				await call(notification(trigger.productionUrl, DELIVERED), {
					headers: { 'x-forwarded-for': '203.0.113.7' },
				}),
			).toEqual({ status: 200, body: '_OK_' });
			// A client outside the list writes an allowed address itself; the proxy appends the real one.
			const spoofed = await call(
				notification(trigger.productionUrl, { ...DELIVERED, MsgID: '1000002' }),
				{ headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.9' } },
			);
			expect(spoofed).toEqual({ status: 403, body: 'Forbidden' });
			expect(trigger.executions).toHaveLength(1);
		});
	});
});
