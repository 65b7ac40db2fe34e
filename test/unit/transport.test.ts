import { buildAsmxRequest, buildPushSmsRequest } from '../../nodes/shared/transport/requestBuilder';
import {
	readAsmxResult,
	SoapFaultError,
	UnreadableAnswerError,
} from '../../nodes/shared/transport/responseParser';
import {
	readCompanyBalance,
	readIvrResponses,
	readMessageIdAnswer,
	readUserBalances,
} from '../../nodes/SmsCenter/transport/answers';
import { checkedBaseUrl, withLogin } from '../../nodes/shared/transport/login';
import { isAcceptedAnswer, messageIdOrNull } from '../../nodes/shared/transport/answerRules';

describe('request building', () => {
	it('builds an HttpPost form call', () => {
		expect(buildAsmxRequest('CheckUsersPrePaid', [['Mode', 'AllUsers']], 'httpPost')).toEqual({
			method: 'POST',
			url: '/Web/WebServices/CheckPrePaid.asmx/CheckUsersPrePaid',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'Mode=AllUsers',
		});
	});

	it('builds a SOAP 1.1 call with the SOAPAction and escapes user text', () => {
		const request = buildAsmxRequest(
			'SendMessagesV2',
			[['Message', '</Message><Password>x</Password> & "q"']],
			'soap11',
		);
		expect(request.url).toBe('/Web/WebServices/SendMessage.asmx');
		expect(request.headers).toEqual({
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: '"http://www.smscenter.co.il/SendMessagesV2"',
		});
		expect(request.body).toContain(
			'<SendMessagesV2 xmlns="http://www.smscenter.co.il/"><Message>&lt;/Message&gt;&lt;Password&gt;x&lt;/Password&gt; &amp; &quot;q&quot;</Message></SendMessagesV2>',
		);
	});

	it('puts the login first in a form and first inside the SOAP method element', () => {
		const login = { username: 'demo', password: 'p&ss<word>' };
		expect(withLogin('Mode=AllUsers', 'application/x-www-form-urlencoded', login)).toBe(
			'UserName=demo&Password=p%26ss%3Cword%3E&Mode=AllUsers',
		);
		const soap = buildAsmxRequest('CheckCompanyPrePaid', [], 'soap11');
		expect(withLogin(soap.body, 'text/xml; charset=utf-8', login)).toContain(
			'<CheckCompanyPrePaid xmlns="http://www.smscenter.co.il/Web/WebServices/"><UserName>demo</UserName><Password>p&amp;ss&lt;word&gt;</Password></CheckCompanyPrePaid>',
		);
		expect(buildPushSmsRequest([['Sender', 'Shop']]).url).toBe('/Web/pushsms.aspx');
	});

	it('demands HTTPS except on loopback or when allowed', () => {
		expect(checkedBaseUrl('https://www.smscenter.co.il/', false)).toBe(
			'https://www.smscenter.co.il',
		);
		expect(checkedBaseUrl('http://127.0.0.1:8025', false)).toBe('http://127.0.0.1:8025');
		expect(checkedBaseUrl('http://sms.internal.example', true)).toBe('http://sms.internal.example');
		expect(() => checkedBaseUrl('http://sms.internal.example', false)).toThrow(
			'SMSCenter only accepts HTTPS',
		);
		expect(() => checkedBaseUrl('not a url', false)).toThrow('is not a URL');
		expect(() => checkedBaseUrl('ftp://example.com', false)).toThrow('must start with https://');
	});
});

describe('answer parsing', () => {
	it('reads bare HttpPost results and SOAP results alike', () => {
		const bare =
			'<?xml version="1.0" encoding="utf-8"?><SendMessageV2ReturnMessageID xmlns="http://www.smscenter.co.il/"><Response>OK</Response><MessageID>0012</MessageID></SendMessageV2ReturnMessageID>';
		expect(readMessageIdAnswer(readAsmxResult(bare, 'SendMessageReturnMessageID'))).toEqual({
			response: 'OK',
			messageId: '0012',
		});
		const soap =
			'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><CheckCompanyPrePaidResponse xmlns="x"><CheckCompanyPrePaidResult><SMS>1813</SMS><IVRSeconds>162516</IVRSeconds><MMS>845</MMS><Result>OK</Result></CheckCompanyPrePaidResult></CheckCompanyPrePaidResponse></soap:Body></soap:Envelope>';
		expect(readCompanyBalance(readAsmxResult(soap, 'CheckCompanyPrePaid'))).toEqual({
			result: 'OK',
			sms: 1813,
			ivrSeconds: 162516,
			mms: 845,
		});
	});

	it('keeps leading zeros of mobiles and reads IVR rows and user lists', () => {
		const ivr =
			'<IVRMessagesReturnResponse xmlns="http://tempuri.org/"><Login>OK</Login><ArrIVRMessagesReturnResponse><IVRMessageReturnResponse><Mobile>0547123456</Mobile><Status>IVRCallSuccess</Status><SendDate>31/08/2011 09:57:23</SendDate><CallLength>8</CallLength><Response>2</Response></IVRMessageReturnResponse></ArrIVRMessagesReturnResponse></IVRMessagesReturnResponse>';
		expect(readIvrResponses(readAsmxResult(ivr, 'GetMessagesResponseByMessageID'))).toEqual({
			login: 'OK',
			rows: [
				{
					mobile: '0547123456',
					status: 'IVRCallSuccess',
					sendDate: '31/08/2011 09:57:23',
					callLength: 8,
					response: '2',
				},
			],
		});
		const users =
			'<UsersPrePaidResponse><CompanyWorkingInUserPrepaidMode>true</CompanyWorkingInUserPrepaidMode><Items><UserPrePaid><UserName>Developers</UserName><SMS>1350</SMS><UserWorkingInPrePaidMode>false</UserWorkingInPrePaidMode></UserPrePaid></Items><ReturnValues>OK</ReturnValues></UsersPrePaidResponse>';
		expect(readUserBalances(readAsmxResult(users, 'CheckUsersPrePaid'))).toEqual({
			result: 'OK',
			companyWorkingInUserPrepaidMode: true,
			users: [{ userName: 'Developers', sms: 1350, prepaidMode: false }],
		});
	});

	it('turns SOAP faults, empty and malformed answers into typed errors', () => {
		const fault =
			'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Boom</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>';
		expect(() => readAsmxResult(fault, 'SendMessagesV2')).toThrow(SoapFaultError);
		expect(() => readAsmxResult('', 'SendMessagesV2')).toThrow(
			new UnreadableAnswerError('the answer was empty'),
		);
		expect(() => readAsmxResult('<a><b></a>', 'SendMessagesV2')).toThrow(UnreadableAnswerError);
		expect(() =>
			readCompanyBalance(
				readAsmxResult(
					'<CheckPrePaidResult><SMS>x</SMS><Result>OK</Result></CheckPrePaidResult>',
					'CheckCompanyPrePaid',
				),
			),
		).toThrow('<SMS> is not a number: "x"');
	});
});

describe('the answer rule', () => {
	it.each(['OK', 'SomeMessagesSent'])('%j counts as carried out', (code) => {
		expect(isAcceptedAnswer(code)).toBe(true);
	});
	it.each([
		'NoMessagesSent',
		'InvalidUserNameOrPassword',
		'Company is Disabled.',
		'',
		'ok',
		'OK 1000001',
		'OK-Gateway: the upstream server did not answer.',
		'OKAY',
	])('%j does not', (code) => {
		expect(isAcceptedAnswer(code)).toBe(false);
	});
	it('reads an empty message ID or 0 as no message', () => {
		expect([
			messageIdOrNull(''),
			messageIdOrNull('0'),
			messageIdOrNull(' 1000001 '),
			messageIdOrNull('0012'),
		]).toEqual([null, null, '1000001', '0012']);
	});
});
