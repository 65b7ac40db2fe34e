import { useSandbox } from '../harness/sandbox';
import { retryScheduleMinutes } from '../../sandbox/dlr';
import { DEMO_LOGIN as LOGIN, get, postForm, postSoap, smsForm } from './client';

const NS = 'http://www.smscenter.co.il/';
const WS_NS = 'http://www.smscenter.co.il/Web/WebServices/';
const DECL = '<?xml version="1.0" encoding="utf-8"?>';
const SCHEMA =
	'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

const smsFields = (overrides: Record<string, string> = {}) => smsForm(LOGIN, overrides);

describe('SMSCenter sandbox contract', () => {
	const sandbox = useSandbox();

	describe('SendMessage.asmx', () => {
		it('SendMessagesV2 over HttpPost answers the bare enum', async () => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields(),
			);
			expect(response.status).toBe(200);
			expect(response.body).toBe(
				`${DECL}\r\n<SendMessageReturnValues ${SCHEMA} xmlns="${NS}">OK</SendMessageReturnValues>`,
			);
			expect(sandbox.messages()).toHaveLength(1);
		});

		it('SendMessageReturnMessageID over SOAP 1.1 answers Response and MessageID in the envelope', async () => {
			const response = await postSoap(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx',
				NS,
				'SendMessageReturnMessageID',
				smsFields(),
			);
			expect(response.status).toBe(200);
			expect(response.body).toContain(
				`<soap:Body><SendMessageReturnMessageIDResponse xmlns="${NS}"><SendMessageReturnMessageIDResult><Response>OK</Response><MessageID>1000001</MessageID></SendMessageReturnMessageIDResult></SendMessageReturnMessageIDResponse></soap:Body>`,
			);
		});

		it("serves the document's .aspx spelling too", async () => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.aspx/SendMessagesV2',
				smsFields(),
			);
			expect(response.body).toContain('>OK</SendMessageReturnValues>');
		});

		it.each([
			[{ Password: 'wrong' }, 'InvalidUserNameOrPassword'],
			[{ UserName: 'retired', Password: 'retired-api-key' }, 'UserIsDisabledOrDeleted'],
			[{ UserName: 'closed', Password: 'closed-api-key' }, 'CompanyIsDisabled'],
			[{ UserName: 'locked', Password: 'locked-api-key' }, 'InvalidIPAddress'],
			[{ Message: '  ' }, 'MessageCanNotBeEmpty'],
			[{ SenderName: '' }, 'NoMessagesSent'],
			[{ SendToPhoneNumbers: '' }, 'ThePhoneNumberListMustContainAtLeastOneNumber'],
			[{ SendToPhoneNumbers: '12345' }, 'InvalidPhoneNumber'],
			[{ SendToPhoneNumbers: '0541234560,12345' }, 'SomeMessagesSent'],
			[{ SMSOperation: 'ReverseBilling', Price: '0' }, 'PriceForReverseBillingCantBeZero'],
			[
				{
					UserName: 'shop',
					Password: 'shop-api-key',
					SMSOperation: 'ReverseBilling',
					Price: '1.5',
				},
				'CompanyIsNotAllowedToSendReverseBillingMessages',
			],
			[
				{ UserName: 'shop', Password: 'shop-api-key', SMSOperation: 'Pull' },
				'CompanyNotAllowedToSendToSpecifiedProvider',
			],
			[
				{ UserName: 'shop', Password: 'shop-api-key', SendToPhoneNumbers: '+447911123456' },
				'CompanyNotAllowedToSendToSpecifiedProvider',
			],
		])('answers %j with %s', async (overrides, code) => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields(overrides),
			);
			expect(response.body).toContain(`>${code}</SendMessageReturnValues>`);
		});

		it('accepts the three documented number formats and 972 digits', async () => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields({ SendToPhoneNumbers: '+972541234561,054-1234562,0541234563,972541234564' }),
			);
			expect(response.body).toContain('>OK<');
			expect(sandbox.messages()[0].recipients.map((r) => r.msisdn)).toEqual([
				'972541234561',
				'972541234562',
				'972541234563',
				'972541234564',
			]);
		});

		it('charges one unit per segment per recipient and refuses when none is left', async () => {
			const shop = { UserName: 'shop', Password: 'shop-api-key' };
			const first = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields({ ...shop, Message: 'a'.repeat(200), SendToPhoneNumbers: '0541234560' }),
			);
			expect(first.body).toContain('>OK<');
			const second = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields({ ...shop, SendToPhoneNumbers: '0541234561,0541234562' }),
			);
			expect(second.body).toContain('>SomeMessagesSent<');
			const third = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields(shop),
			);
			expect(third.body).toContain('>NoMessagesSent<');
			const balance = await postForm(
				sandbox.url,
				'/Web/WebServices/CheckPrePaid.asmx/CheckCompanyPrePaid',
				shop,
			);
			expect(balance.body).toContain('<SMS>0</SMS>');
		});

		it('answers a missing form parameter as ASMX does: HTTP 500 and plain text', async () => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				LOGIN,
			);
			expect(response.status).toBe(500);
			expect(response.body).toBe(
				'System.InvalidOperationException: Missing parameter: SenderName.',
			);
		});

		it('refuses an enum name in the wrong case and parses numeric enums', async () => {
			const wrong = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields({ SMSOperation: 'push' }),
			);
			expect(wrong.status).toBe(500);
			expect(wrong.body).toBe("System.ArgumentException: Requested value 'push' was not found.");
			const numeric = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields({ SMSOperation: '0', MessageOption: '1' }),
			);
			expect(numeric.body).toContain('>OK<');
			expect(sandbox.messages()[0]).toMatchObject({
				operation: 'Push',
				messageOption: 'Concatenated',
			});
		});

		it('answers a wrong SOAPAction with a soap:Client fault and HTTP 500', async () => {
			const response = await postSoap(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx',
				NS,
				'SendMessagesV2',
				smsFields(),
				'"http://example.com/Nope"',
			);
			expect(response.status).toBe(500);
			expect(response.body).toContain(
				'<faultcode>soap:Client</faultcode><faultstring>Server did not recognize the value of HTTP Header SOAPAction: http://example.com/Nope.</faultstring>',
			);
		});

		it('keeps XML metacharacters in a SOAP message as text', async () => {
			await postSoap(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx',
				NS,
				'SendMessagesV2',
				smsFields({ Message: '</Message><Password>x</Password> ]]> &amp;' }),
			);
			expect(sandbox.messages()[0].text).toBe('</Message><Password>x</Password> ]]> &amp;');
		});
	});

	describe('SendIVRMessage.asmx', () => {
		const ivrFields = (overrides: Record<string, string> = {}) => ({
			...LOGIN,
			SenderName: 'Shop',
			RecordID: '101',
			SendToPhoneNumbers: '0541234560,031234566,0541234567',
			Message: 'Reminder',
			DeliveryDelayInMinutes: '0',
			ExpirationDelayInMinutes: '0',
			...overrides,
		});

		it('sends IVR messages and answers per-recipient responses in both protocols', async () => {
			const sent = await postForm(
				sandbox.url,
				'/Web/WebServices/SendIVRMessage.asmx/SendIVRMessages',
				ivrFields(),
			);
			expect(sent.body).toBe(
				`${DECL}\r\n<SendMessageV2ReturnMessageID ${SCHEMA} xmlns="${NS}"><MessageID>1000001</MessageID><Response>OK</Response></SendMessageV2ReturnMessageID>`,
			);

			const early = await postForm(
				sandbox.url,
				'/Web/WebServices/SendIVRMessage.asmx/GetMessagesResponseByMessageID',
				{ ...LOGIN, MessageID: '1000001' },
			);
			expect(early.body).toContain('<Status>Queued</Status>');

			await new Promise((resolve) => setTimeout(resolve, 150));
			const done = await postSoap(
				sandbox.url,
				'/Web/WebServices/SendIVRMessage.asmx',
				NS,
				'GetMessagesResponseByMessageID',
				{ ...LOGIN, MessageID: '1000001' },
			);
			expect(done.body).toContain(
				'<GetMessagesResponseByMessageIDResult><Login>OK</Login><ArrIVRMessagesReturnResponse>',
			);
			expect(done.body).toMatch(
				/<IVRMessageReturnResponse><Mobile>972541234560<\/Mobile><Status>IVRCallSuccess<\/Status><SendDate>\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d<\/SendDate><CallLength>8<\/CallLength><Response>2<\/Response><\/IVRMessageReturnResponse>/,
			);
			expect(done.body).toContain('<Mobile>97231234566</Mobile><Status>IVRCallSuccess</Status>');
			expect(done.body).toContain(
				'<Mobile>972541234567</Mobile><Status>IVRCallNotSuccess</Status>',
			);
			expect(done.body).toContain(
				'<CallLength>0</CallLength><Response /></IVRMessageReturnResponse>',
			);
		});

		it.each([
			[{ RecordID: '999' }, 'RecordIsNotAllowed'],
			[{ Password: 'nope' }, 'InvalidUserNameOrPassword'],
			[{ SendToPhoneNumbers: '' }, 'ThePhoneNumberListMustContainAtLeastOneNumber'],
			[{ SendToPhoneNumbers: 'abc' }, 'InvalidPhoneNumber'],
		])('answers %j with %s', async (overrides, code) => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendIVRMessage.asmx/SendIVRMessages',
				ivrFields(overrides),
			);
			expect(response.body).toContain(`<Response>${code}</Response>`);
		});

		it('reports a bad login in <Login>', async () => {
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendIVRMessage.asmx/GetMessagesResponseByMessageID',
				{ UserName: 'demo', Password: 'x', MessageID: '1' },
			);
			expect(response.body).toContain('<Login>InvalidUserNameOrPassword</Login>');
		});
	});

	describe('CheckPrePaid.asmx', () => {
		it('CheckCompanyPrePaid in both protocols', async () => {
			const form = await postForm(
				sandbox.url,
				'/web/webservices/CheckPrePaid.asmx/CheckCompanyPrePaid',
				LOGIN,
			);
			expect(form.body).toBe(
				`${DECL}\r\n<CheckPrePaidResult ${SCHEMA} xmlns="${WS_NS}"><SMS>100000</SMS><IVRSeconds>162516</IVRSeconds><MMS>845</MMS><Result>OK</Result></CheckPrePaidResult>`,
			);
			const soap = await postSoap(
				sandbox.url,
				'/web/webservices/CheckPrePaid.asmx',
				WS_NS,
				'CheckCompanyPrePaid',
				LOGIN,
			);
			expect(soap.body).toContain(
				`<CheckCompanyPrePaidResponse xmlns="${WS_NS}"><CheckCompanyPrePaidResult><SMS>100000</SMS>`,
			);
		});

		it('CheckUsersPrePaid for this user and for all users', async () => {
			const mine = await postForm(
				sandbox.url,
				'/web/webservices/CheckPrePaid.asmx/CheckUsersPrePaid',
				{ UserName: 'marketing', Password: 'marketing-api-key', Mode: 'ThisUser' },
			);
			expect(mine.body).toContain(
				'<CompanyWorkingInUserPrepaidMode>true</CompanyWorkingInUserPrepaidMode><Items><UserPrePaid><UserName>marketing</UserName><SMS>1350</SMS><UserWorkingInPrePaidMode>true</UserWorkingInPrePaidMode></UserPrePaid></Items><ReturnValues>OK</ReturnValues>',
			);
			const all = await postSoap(
				sandbox.url,
				'/web/webservices/CheckPrePaid.asmx',
				WS_NS,
				'CheckUsersPrePaid',
				{ ...LOGIN, Mode: 'AllUsers' },
			);
			expect(all.body.match(/<UserPrePaid>/g)).toHaveLength(3);
		});
	});

	describe('pushsms.aspx', () => {
		const push = {
			UserName: 'demo',
			Password: 'demo-api-key',
			Sender: 'Shop',
			ToPhoneNumber: '0541234560',
			Message: 'Hi',
			EnableChaining: '0',
		};

		it('answers OK over GET and POST, also at the classic pushsms.asp', async () => {
			expect((await get(sandbox.url, '/Web/pushsms.aspx', push)).body).toBe('OK');
			expect((await postForm(sandbox.url, '/Web/pushsms.aspx', push)).body).toBe('OK');
			expect((await get(sandbox.url, '/pushsms.asp', push)).body).toBe('OK');
			expect(sandbox.calls('pushsms').map((c) => c.method)).toEqual(['GET', 'POST', 'GET']);
		});

		it.each([
			[{ Password: 'x' }, 'Invalid Username or Password.'],
			[{ Message: '' }, 'The message cannot be empty.'],
			[{ Sender: '' }, 'The Sender cannot be empty.'],
			[{ ToPhoneNumber: '' }, 'The Recipient Phone Number cannot be empty'],
			[{ ToPhoneNumber: '0301' }, 'Company Has No Permission To Send to the specified Operator.'],
			[{ UserName: 'closed', Password: 'closed-api-key' }, 'Company is Disabled.'],
			[{ UserName: 'retired', Password: 'retired-api-key' }, 'User is disabled or deleted.'],
			[
				{ UserName: 'shop', Password: 'shop-api-key', ToPhoneNumber: '+447911123456' },
				'Company Has No Permission To Send to the specified Operator.',
			],
		])('answers %j with %j', async (overrides, text) => {
			expect((await get(sandbox.url, '/Web/pushsms.aspx', { ...push, ...overrides })).body).toBe(
				text,
			);
		});

		it('sends only the first segment unless EnableChaining=1', async () => {
			const long = 'x'.repeat(200);
			await get(sandbox.url, '/Web/pushsms.aspx', { ...push, Message: long });
			await get(sandbox.url, '/Web/pushsms.aspx', { ...push, Message: long, EnableChaining: '1' });
			expect(sandbox.messages().map((m) => [m.text.length, m.segments])).toEqual([
				[160, 1],
				[200, 2],
			]);
		});
	});

	describe('fault injection and inspection', () => {
		it('records every request raw', async () => {
			await postForm(sandbox.url, '/Web/WebServices/CheckPrePaid.asmx/CheckCompanyPrePaid', LOGIN);
			const [call] = sandbox.calls('CheckCompanyPrePaid');
			expect(call).toMatchObject({
				method: 'POST',
				protocol: 'form',
				body: 'UserName=demo&Password=demo-api-key',
				params: LOGIN,
			});
		});

		it.each([
			['http500', 500, "Server Error in '/' Application."],
			['http503', 503, 'Service Unavailable'],
			['soapFault', 500, '<faultcode>soap:Server</faultcode>'],
			['malformedXml', 200, '>OK</Send'],
			['emptyBody', 200, ''],
			['unknownEnum', 200, '>SomethingNew</SendMessageReturnValues>'],
		] as const)('%s answers HTTP %d and sends nothing', async (kind, status, fragment) => {
			sandbox.injectFault('SendMessagesV2', { kind, times: 1 });
			const response = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields(),
			);
			expect(response.status).toBe(status);
			expect(response.body).toContain(fragment);
			expect(sandbox.messages()).toHaveLength(0);
			const after = await postForm(
				sandbox.url,
				'/Web/WebServices/SendMessage.asmx/SendMessagesV2',
				smsFields(),
			);
			expect(after.body).toContain('>OK<');
		});

		it('resets the connection before the body (nothing sent) or after it (sent, no answer)', async () => {
			sandbox.injectFault('SendMessagesV2', { kind: 'resetBeforeBody', times: 1 });
			await expect(
				postForm(sandbox.url, '/Web/WebServices/SendMessage.asmx/SendMessagesV2', smsFields()),
			).rejects.toThrow();
			expect(sandbox.messages()).toHaveLength(0);
			sandbox.injectFault('SendMessagesV2', { kind: 'resetAfterBody', times: 1 });
			await expect(
				postForm(sandbox.url, '/Web/WebServices/SendMessage.asmx/SendMessagesV2', smsFields()),
			).rejects.toThrow();
			expect(sandbox.messages()).toHaveLength(1);
		});

		it('adds latency', async () => {
			sandbox.injectFault('*', { kind: 'latency', latencyMs: 120 });
			const started = Date.now();
			await postForm(sandbox.url, '/Web/WebServices/CheckPrePaid.asmx/CheckCompanyPrePaid', LOGIN);
			expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		});
	});

	describe('delivery notifications', () => {
		it("follows the document's retry schedule: every 5 minutes for an hour, then hourly, for 3 days", () => {
			const schedule = retryScheduleMinutes();
			expect(schedule.slice(0, 14)).toEqual([
				0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 120,
			]);
			expect(schedule[schedule.length - 1]).toBe(72 * 60);
			expect(schedule).toHaveLength(1 + 12 + 71);
		});
	});
});
