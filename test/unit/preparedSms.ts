import { SendPlanner, type SendPlanOptions } from '../../nodes/SmsCenter/actions/sms/sendPlan';
import type { PreparedSms } from '../../nodes/SmsCenter/actions/sms/smsItem';

/** An item's SMS as the Send operation reads it: one GSM-7 segment, sent now, from MyShop. */
export function preparedSms(
	itemIndex: number,
	text: string,
	recipients: string[],
	overrides: Partial<PreparedSms> = {},
): PreparedSms {
	return {
		itemIndex,
		recipients,
		duplicatesRemoved: 0,
		text,
		measure: { encoding: 'GSM-7', characters: text.length, segments: 1 },
		sender: 'MyShop',
		smsOperation: 'Push',
		price: 0,
		delayMinutes: 0,
		expirationMinutes: 0,
		expirationSet: false,
		messageOption: 'Regular',
		ccEmails: [],
		...overrides,
	};
}

/** The requests of a run as the Send operation plans them: item by item, then the ones still open. */
export function planRun(prepared: PreparedSms[], options: SendPlanOptions) {
	const planner = new SendPlanner(options);
	return [...prepared.flatMap((sms) => planner.add(sms)), ...planner.finish()];
}
