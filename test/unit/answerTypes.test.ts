import { parseGatewayDate } from '../../nodes/shared/dates';
import { describeIvrStatus } from '../../nodes/shared/statusCodes/ivrStatuses';
import { messageIdOrNull } from '../../nodes/shared/transport/answerRules';
import { readAsmxResult } from '../../nodes/shared/transport/responseParser';
import {
	readCompanyBalance,
	readMessageIdAnswer,
	readUserBalances,
} from '../../nodes/SmsCenter/transport/answers';

const messageIdAnswer = (response: string, id: string) =>
	readMessageIdAnswer(
		readAsmxResult(
			`<SendMessageV2ReturnMessageID xmlns="http://www.smscenter.co.il/"><Response>${response}</Response><MessageID>${id}</MessageID></SendMessageV2ReturnMessageID>`,
			'SendMessageReturnMessageID',
		),
	);

describe('answers of every type the document allows', () => {
	it('reads no message from an empty ID, 0 or a negative number', () => {
		expect(['', '0', '000', '-1', '-42', '1000001'].map(messageIdOrNull)).toEqual([
			null,
			null,
			null,
			null,
			null,
			'1000001',
		]);
	});

	it('keeps the answer code of a refusal whatever the MessageID holds', () => {
		expect(messageIdAnswer('InvalidUserNameOrPassword', '-1')).toEqual({
			response: 'InvalidUserNameOrPassword',
			messageId: null,
		});
		expect(messageIdAnswer('NoMessagesSent', 'n/a')).toEqual({
			response: 'NoMessagesSent',
			messageId: null,
		});
		expect(() => messageIdAnswer('OK', 'n/a')).toThrow(
			'SMSCenter answered OK, but its <MessageID> is not a number: "n/a"',
		);
	});

	it('reads balances with decimals, and none when the code is not OK', () => {
		const balance = (result: string, sms: string) =>
			readCompanyBalance(
				readAsmxResult(
					`<CheckPrePaidResult><SMS>${sms}</SMS><IVRSeconds>1.25</IVRSeconds><MMS>0</MMS><Result>${result}</Result></CheckPrePaidResult>`,
					'CheckCompanyPrePaid',
				),
			);
		expect(balance('OK', '1812.5')).toEqual({
			result: 'OK',
			sms: 1812.5,
			ivrSeconds: 1.25,
			mms: 0,
		});
		expect(balance('UserIsNotAdministrator', 'not shown')).toEqual({
			result: 'UserIsNotAdministrator',
			sms: 0,
			ivrSeconds: 0,
			mms: 0,
		});
	});

	it.each([
		['true', true],
		['True', true],
		['1', true],
		['false', false],
		['False', false],
		['0', false],
		['PrePaid', null],
	])('reads UserWorkingInPrePaidMode %j', (mode, expected) => {
		const [user] = readUserBalances(
			readAsmxResult(
				`<UsersPrePaidResponse><CompanyWorkingInUserPrepaidMode>True</CompanyWorkingInUserPrepaidMode><Items><UserPrePaid><UserName>u</UserName><SMS>1</SMS><UserWorkingInPrePaidMode>${mode}</UserWorkingInPrePaidMode></UserPrePaid></Items><ReturnValues>OK</ReturnValues></UsersPrePaidResponse>`,
				'CheckUsersPrePaid',
			),
		).users;
		expect(user.prepaidMode).toBe(expected);
		expect(user.prepaidModeRaw).toBe(expected === null ? mode : undefined);
	});

	it("names an IVR Status by name or by its position in the document's table", () => {
		expect(describeIvrStatus('IVRCallSuccess')).toEqual({
			name: 'IVRCallSuccess',
			code: null,
			meaning: 'IVR call success',
			final: true,
		});
		expect(describeIvrStatus('0')).toEqual({
			name: 'NewCall',
			code: 0,
			meaning: 'Outgoing call',
			final: false,
		});
		expect(describeIvrStatus('26')).toEqual({
			name: 'FailedWithoutResponse',
			code: 26,
			meaning: 'Failed without response',
			final: true,
		});
		expect(describeIvrStatus('99')).toEqual({
			name: '99',
			code: 99,
			meaning: 'Unknown status',
			final: false,
		});
		expect(describeIvrStatus('constructor')).toEqual({
			name: 'constructor',
			code: null,
			meaning: 'Unknown status',
			final: false,
		});
	});

	it("reads SendDate in the document's example shape and as a .NET DateTime, in Israel time unless an offset is given", () => {
		expect(parseGatewayDate('31/08/2011 09:57:23')).toBe('2011-08-31T06:57:23.000Z');
		expect(parseGatewayDate('2011-08-31T09:57:23')).toBe('2011-08-31T06:57:23.000Z');
		expect(parseGatewayDate('2011-08-31T09:57:23.1234567')).toBe('2011-08-31T06:57:23.000Z');
		expect(parseGatewayDate('2011-08-31T09:57:23+03:00')).toBe('2011-08-31T06:57:23.000Z');
		expect(parseGatewayDate('2011-08-31T06:57:23Z')).toBe('2011-08-31T06:57:23.000Z');
		expect(parseGatewayDate('2011-02-31T09:57:23')).toBeUndefined();
	});
});
