import type { Sandbox } from '../../sandbox/server';
import type { FaultKind } from '../../sandbox/types';
import { runSmsCenter } from '../harness/executeWorkflow';

/**
 * The smallest node parameters that reach each gateway method, shared by the tests that run every
 * operation against a fault, an echo, a redirect or an answer from outside.
 */
const SMS_SEND = {
	resource: 'sms',
	operation: 'send',
	recipients: '0541234560',
	message: 'Hi',
	senderName: 'MyShop',
};
export const MINIMAL = {
	smsSend: SMS_SEND,
	/** The same send through SendMessagesV2 (no message ID asked). */
	smsSendV2: { ...SMS_SEND, options: { returnMessageId: false } },
	/** The simple URL API (pushsms.aspx). */
	smsSendSimple: { ...SMS_SEND, operation: 'sendSimple' },
	smsEstimate: {
		resource: 'sms',
		operation: 'estimate',
		recipients: '0541234560',
		message: 'Hello',
	},
	voiceSend: {
		resource: 'voiceCall',
		operation: 'send',
		recordId: '101',
		recipients: '0541234560',
		message: 'Hi',
		senderName: 'Clinic',
	},
	voiceResponses: { resource: 'voiceCall', operation: 'getResponses', messageId: '1000001' },
	companyBalance: { resource: 'account', operation: 'getCompanyBalance' },
	userBalances: (mode: 'ThisUser' | 'AllUsers') => ({
		resource: 'account',
		operation: 'getUserBalances',
		mode,
	}),
};

/** Faults a read retries whatever the protocol (a SOAP fault only when it is a soap:Server one). */
export const TRANSIENT_FAULTS: FaultKind[] = [
	'http500',
	'http503',
	'hang',
	'resetBeforeBody',
	'resetAfterBody',
	'malformedXml',
	'emptyBody',
];

/** A row of input the node refuses before any request: what it is, the parameters changed, the error. */
export type BadInput = [label: string, overrides: Record<string, unknown>, message: string];

/** One test a row: each fails its own item, naming item and field, and sends no request. */
export function itRefusesLocally(
	sandbox: Sandbox,
	parameters: Record<string, unknown>,
	table: BadInput[],
): void {
	it.each(table)(
		'refuses bad input locally, naming the item and the field: %s',
		async (_label, overrides, message) => {
			const result = await runSmsCenter(sandbox.url, { ...parameters, ...overrides } as never);
			expect(result.error()?.message).toBe(message);
			expect(sandbox.requests).toHaveLength(0);
		},
	);
}

/**
 * Sends a recorded message to a mobile, a landline and another mobile, and checks the item and the
 * form SMSCenter got: the start of the voice-call tests.
 */
export async function sendAppointmentCall(sandbox: Sandbox): Promise<void> {
	const sent = await runSmsCenter(sandbox.url, {
		resource: 'voiceCall',
		operation: 'send',
		recordId: '101',
		recipients: '054-1234560\n03-1234566\n0541234567',
		message: 'Appointment reminder',
		senderName: 'Clinic',
		options: { delayMinutes: 0, expirationMinutes: 60 },
	});
	expect(sent.output()).toEqual([
		{
			json: {
				status: 'OK',
				partial: false,
				messageId: '1000001',
				recordId: '101',
				recipients: ['0541234560', '031234566', '0541234567'],
				recipientCount: 3,
			},
			pairedItem: { item: 0 },
		},
	]);
	expect(sandbox.calls()[0].body).toBe(
		'UserName=demo&Password=demo-api-key&SenderName=Clinic&RecordID=101&SendToPhoneNumbers=0541234560%2C031234566%2C0541234567&Message=Appointment+reminder&DeliveryDelayInMinutes=0&ExpirationDelayInMinutes=60',
	);
}
