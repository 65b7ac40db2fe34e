import {
	ANSWER_CODES,
	describeAnswer,
	isKnownAnswer,
} from '../../nodes/shared/statusCodes/answerCodes';
import { deliveryReason } from '../../nodes/shared/statusCodes/deliveryReasons';
import { deliveryStatus } from '../../nodes/shared/statusCodes/deliveryStatuses';
import { ivrStatus } from '../../nodes/shared/statusCodes/ivrStatuses';
import {
	buildAsmxRequest,
	buildPushSmsRequest,
	UnsafeTextError,
} from '../../nodes/shared/transport/requestBuilder';
import { readAsmxResult, UnreadableAnswerError } from '../../nodes/shared/transport/responseParser';
import { xmlTextProblem } from '../../nodes/shared/xmlCharacters';
import { readNotification } from '../../nodes/SmsCenterTrigger/helpers/notification';

const PROTOTYPE_CODES = [
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'isPrototypeOf',
];

describe('code tables', () => {
	it.each(PROTOTYPE_CODES)('%s is in none of them', (code) => {
		expect(isKnownAnswer(code)).toBe(false);
		expect(describeAnswer(code).meaning).toBe(
			'SMSCenter answered with a code this node does not know.',
		);
		expect(deliveryStatus(code)).toBeUndefined();
		expect(deliveryReason(code)).toBeUndefined();
		expect(ivrStatus(code)).toBeUndefined();
		expect((ANSWER_CODES as Record<string, unknown>)[code]).toBeUndefined();
	});

	it('still knows its own codes', () => {
		expect(deliveryStatus('600')?.name).toBe('Delivered');
		expect(deliveryReason('601')).toBe('Message delivered');
		expect(ivrStatus('IVRCallSuccess')?.final).toBe(true);
		expect(isKnownAnswer('NoMessagesSent')).toBe(true);
	});

	it("a notification with ReasonCode=constructor keeps the gateway's text, never a function", () => {
		const event = readNotification(
			{
				MsgID: '1',
				MSISDN: '972541234560',
				StatusCode: 'toString',
				ReasonCode: 'constructor',
				ReasonDes: 'text',
			},
			'Asia/Jerusalem',
			new Date(),
		);
		expect(event.status).toMatchObject({ code: null, name: null, description: null });
		expect(event.reason.description).toBe('text');
	});

	it('an answer with an element named like a prototype property is unreadable, not a polluted object', () => {
		expect(() =>
			readAsmxResult('<a><__proto__><x>1</x></__proto__></a>', 'CheckCompanyPrePaid'),
		).toThrow(UnreadableAnswerError);
		expect(() =>
			readAsmxResult('<a><constructor>1</constructor></a>', 'CheckCompanyPrePaid'),
		).toThrow(UnreadableAnswerError);
	});
});

describe('characters XML 1.0 cannot carry', () => {
	it.each([
		['bell', 'a\u0007', 'contains the control character U+0007 at position 2'],
		['NUL', '\u0000', 'contains the control character U+0000 at position 1'],
		['DEL', 'x\u007f', 'contains the control character U+007F at position 2'],
		['U+FFFF', '\uFFFF', 'contains the control character U+FFFF at position 1'],
		['a lone high surrogate', 'a\uD83D', 'contains a broken surrogate pair'],
		['a lone low surrogate', '\uDE00b', 'contains a broken surrogate pair'],
	])('%s is refused', (_name, text, problem) => {
		expect(xmlTextProblem(text)).toBe(problem);
	});

	it('tab, CR, LF, Hebrew and emoji pass', () => {
		expect(xmlTextProblem('a\tb\r\nשלום 😀')).toBeUndefined();
	});

	it('no request is built around one, in either protocol', () => {
		expect(() =>
			buildAsmxRequest('SendMessagesV2', [['CCToEmail', 'a\u0001@b.c']], 'soap11'),
		).toThrow(
			new UnsafeTextError('CCToEmail', 'contains the control character U+0001 at position 2'),
		);
		expect(() => buildAsmxRequest('SendMessagesV2', [['Message', '\u0002']], 'httpPost')).toThrow(
			UnsafeTextError,
		);
		expect(() => buildPushSmsRequest([['Sender', 'A\u0003']])).toThrow(UnsafeTextError);
	});
});
