import { request } from 'undici';
import { useTriggers } from './notifications';

const SECRET = 'Pr0toCodesT3stKey9x';

/** A notification's status and reason codes are looked up only among the trigger's own codes. */
describe('SMSCenter Trigger: codes that name object properties', () => {
	const startTrigger = useTriggers();

	it.each([
		['constructor', 'toString'],
		['__proto__', 'constructor'],
		['hasOwnProperty', '__proto__'],
	])(
		'StatusCode=%s, ReasonCode=%s: a notification with an unknown status, and no function in the item',
		async (statusCode, reasonCode) => {
			const trigger = await startTrigger(
				{ statuses: ['200', '300', '400', '500', '600', '700'], options: {} },
				{ credentialSecret: SECRET },
			);
			const query = new URLSearchParams({
				key: SECRET,
				MsgID: '1000001',
				MSISDN: '972541234560',
				StatusCode: statusCode,
				ReasonCode: reasonCode,
				Date: '25112026093000',
			});
			const response = await request(`${trigger.productionUrl}?${query.toString()}`);
			await response.body.text();
			const items = trigger.executions.flat().map((item) => item.json);
			expect(items).toHaveLength(1);
			expect(items[0].valid).toBe(false);
			for (const json of items) {
				const status = json.status as Record<string, unknown>;
				const reason = json.reason as Record<string, unknown>;
				expect(status.code).toBeNull();
				expect(status.name).toBeNull();
				expect(reason.description).toBeNull();
				expect(JSON.stringify(json)).not.toMatch(/function|\[native code\]/);
				for (const value of [...Object.values(status), ...Object.values(reason)])
					expect(typeof value).not.toBe('function');
			}
		},
	);
});
