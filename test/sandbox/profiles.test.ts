import { startSandbox } from '../../sandbox/server';
import { PROFILES } from '../../sandbox/profiles';
import { get, postForm, postSoap, smsForm } from './client';
import { useReceiver } from './receiver';
import { useSandbox } from '../harness/sandbox';

const NS = 'http://www.smscenter.co.il/';
const WS_NS = 'http://www.smscenter.co.il/Web/WebServices/';
const SEND = '/Web/WebServices/SendMessage.asmx/SendMessageReturnMessageID';
const V2 = '/Web/WebServices/SendMessage.asmx/SendMessagesV2';
const COMPANY = '/web/webservices/CheckPrePaid.asmx/CheckCompanyPrePaid';
const USERS = '/web/webservices/CheckPrePaid.asmx/CheckUsersPrePaid';
const IVR = '/Web/WebServices/SendIVRMessage.asmx';

/** The credential of a profile's fixture account: the user name is the profile's name. */
const login = (profile: string) => ({ UserName: profile, Password: `${profile}-api-key` });

const sms = (profile: string, overrides: Record<string, string> = {}) =>
	smsForm(login(profile), overrides);

const ivr = (profile: string, overrides: Record<string, string> = {}) => ({
	...login(profile),
	SenderName: 'Clinic',
	RecordID: '101',
	SendToPhoneNumbers: '0541234560',
	Message: 'Reminder',
	DeliveryDelayInMinutes: '0',
	ExpirationDelayInMinutes: '0',
	...overrides,
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sandbox profiles', () => {
	const sandbox = useSandbox({ timeScale: 1e-5 });
	const receiver = useReceiver();

	/** The answer to SendMessageReturnMessageID for the profile's account. */
	const sendAnswer = async (profile: string, overrides: Record<string, string> = {}) =>
		(await postForm(sandbox.url, SEND, sms(profile, overrides))).body;

	/** Sends, waits for every notification, and returns the reports' queries in the order they arrived. */
	async function reportsOf(
		profile: string,
		fields: Record<string, string>,
		template = `${receiver.url}?MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}`,
	) {
		sandbox.setNotificationUrl(profile, template);
		const sent = await sendAnswer(profile, fields);
		await sandbox.dlr.idle();
		sandbox.setNotificationUrl(profile, undefined);
		return { sent, reports: receiver.queries() };
	}

	/** The reports after Accepted, by number: number, status code and text, reason code and text. */
	const finalReports = (reports: Array<Record<string, string>>) =>
		reports
			.filter((r) => r.StatusCode !== '300')
			.sort((a, b) => a.MSISDN.localeCompare(b.MSISDN))
			.map((r) => [r.MSISDN, r.StatusCode, r.StatusDes, r.ReasonCode, r.ReasonDes]);

	it('every profile has a fixture account named after it, and the inspection API lists them', async () => {
		const response = await fetch(`${sandbox.url}/__sandbox/profiles`);
		const listed = (await response.json()) as Array<{
			name: string;
			reading: string;
			accounts: Array<{ userName: string; password: string }>;
		}>;
		expect(listed.map((p) => p.name)).toEqual(Object.keys(PROFILES));
		for (const profile of listed.filter((p) => p.name !== 'standard')) {
			expect(profile.accounts).toEqual([
				{
					userName: profile.name,
					password: `${profile.name}-api-key`,
					company: `Profile ${profile.name}`,
				},
			]);
			expect(profile.reading.length).toBeGreaterThan(40);
		}
		expect(listed[0].accounts.map((a) => a.userName)).toEqual([
			'demo',
			'marketing',
			'shop',
			'locked',
		]);
	});

	describe('api-user (reading 1: the login check is an administrator method)', () => {
		it('refuses CheckCompanyPrePaid with a Result other than OK and no balances, in both protocols', async () => {
			const form = await postForm(sandbox.url, COMPANY, login('api-user'));
			expect(form.body).toMatch(
				/<CheckPrePaidResult [^>]*><Result>UserIsNotAdministrator<\/Result><\/CheckPrePaidResult>$/,
			);
			const soap = await postSoap(
				sandbox.url,
				'/web/webservices/CheckPrePaid.asmx',
				WS_NS,
				'CheckCompanyPrePaid',
				login('api-user'),
			);
			expect(soap.body).toContain(
				'<CheckCompanyPrePaidResult><Result>UserIsNotAdministrator</Result></CheckCompanyPrePaidResult>',
			);
		});

		it("refuses all users' balances but answers the user's own, and sends work", async () => {
			expect(
				(await postForm(sandbox.url, USERS, { ...login('api-user'), Mode: 'AllUsers' })).body,
			).toContain('<Items></Items><ReturnValues>UserIsNotAdministrator</ReturnValues>');
			expect(
				(await postForm(sandbox.url, USERS, { ...login('api-user'), Mode: 'ThisUser' })).body,
			).toContain('<UserName>api-user</UserName><SMS>50000</SMS>');
			expect((await postForm(sandbox.url, V2, sms('api-user'))).body).toContain(
				'>OK</SendMessageReturnValues>',
			);
			expect(
				(
					await get(sandbox.url, '/Web/pushsms.aspx', {
						...login('api-user'),
						Sender: 'Shop',
						ToPhoneNumber: '0541234560',
						Message: 'Hi',
					})
				).body,
			).toBe('OK');
		});

		it('still tells a wrong password apart', async () => {
			const wrong = await postForm(sandbox.url, COMPANY, {
				UserName: 'api-user',
				Password: 'wrong',
			});
			expect(wrong.body).toContain(
				'<SMS>0</SMS><IVRSeconds>0</IVRSeconds><MMS>0</MMS><Result>InvalidUserNameOrPassword</Result>',
			);
		});
	});

	describe('postpaid-company and postpaid-zero (reading 1: a company that is not prepaid)', () => {
		it('postpaid-company answers CompanyIsNotPrePaid without balances; sends with a zero balance go out', async () => {
			expect((await postForm(sandbox.url, COMPANY, login('postpaid-company'))).body).toMatch(
				/><Result>CompanyIsNotPrePaid<\/Result><\/CheckPrePaidResult>$/,
			);
			expect(
				await sendAnswer('postpaid-company', { SendToPhoneNumbers: '0541234560,0541234561' }),
			).toContain('<Response>OK</Response>');
			expect(sandbox.messages()[0].recipients.map((r) => r.status)).toEqual([600, 600]);
		});

		it('postpaid-zero answers OK with balances of 0, and sends and calls still go out', async () => {
			expect((await postForm(sandbox.url, COMPANY, login('postpaid-zero'))).body).toContain(
				'<SMS>0</SMS><IVRSeconds>0</IVRSeconds><MMS>0</MMS><Result>OK</Result>',
			);
			expect((await postForm(sandbox.url, V2, sms('postpaid-zero'))).body).toContain('>OK<');
			expect(
				(await postForm(sandbox.url, `${IVR}/SendIVRMessages`, ivr('postpaid-zero'))).body,
			).toContain('<Response>OK</Response>');
			const users = await postForm(sandbox.url, USERS, {
				...login('postpaid-zero'),
				Mode: 'AllUsers',
			});
			expect(users.body).toContain(
				'<CompanyWorkingInUserPrepaidMode>false</CompanyWorkingInUserPrepaidMode>',
			);
		});
	});

	describe('query-only (reading 2: pushsms.aspx reads only the URL)', () => {
		const push = (profile: string) => ({
			...login(profile),
			Sender: 'Shop',
			ToPhoneNumber: '0541234560',
			Message: 'Hi',
			EnableChaining: '0',
		});

		/** pushsms.aspx's answer to a POST of `fields` (and the query, when given). */
		const posted = async (base: string, fields: Record<string, string>, query = '') =>
			(await postForm(base, `/Web/pushsms.aspx${query}`, fields)).body;
		const got = async (base: string, fields: Record<string, string>) =>
			(await get(base, '/Web/pushsms.aspx', fields)).body;

		it('ignores a POST body: the request reads as one without parameters', async () => {
			expect(await posted(sandbox.url, push('query-only'))).toBe('Invalid Username or Password.');
			expect(sandbox.messages()).toHaveLength(0);
		});

		it('answers OK to the same parameters in the query string, with GET or POST', async () => {
			expect(await got(sandbox.url, push('query-only'))).toBe('OK');
			const query = new URLSearchParams(push('query-only')).toString();
			expect(await posted(sandbox.url, {}, `?${query}`)).toBe('OK');
			expect(sandbox.messages()).toHaveLength(2);
		});

		it("the standard profile reads the query, then the form, as ASP.NET's Request[] does", async () => {
			const { UserName, ...rest } = push('demo');
			expect(await posted(sandbox.url, rest, `?UserName=${UserName}`)).toBe('OK');
			expect(await posted(sandbox.url, push('demo'), '?Message=From%20the%20URL')).toBe('OK');
			expect(sandbox.messages().map((m) => m.text)).toEqual(['Hi', 'From the URL']);
		});

		it('a sandbox-wide profile applies to users without their own', async () => {
			const strict = await startSandbox({ profile: 'query-only' });
			try {
				expect(await posted(strict.url, push('demo'))).toBe('Invalid Username or Password.');
				expect(await got(strict.url, push('demo'))).toBe('OK');
			} finally {
				await strict.close();
			}
			await expect(startSandbox({ profile: 'no-such-profile' })).rejects.toThrow(
				'Unknown sandbox profile "no-such-profile"',
			);
		});
	});

	describe('delivery-report tokens (reading 3)', () => {
		const template = () =>
			`${receiver.url}?id={MsgID}&low={msgid}&a={Dlr_ddmmyyyhhmmss}&b={DLR_DDMMYYYYHHMMSS}&des={Des}&code={DesCode}&old={Date}`;

		it.each([
			[
				'standard',
				{
					id: '1000001',
					low: '1000001',
					a: 'DATE',
					b: 'DATE',
					des: 'Message delivered',
					code: '601',
					old: '{Date}',
				},
			],
			[
				'dlr-date-table',
				{
					id: '1000001',
					low: '{msgid}',
					a: 'DATE',
					b: '{DLR_DDMMYYYYHHMMSS}',
					des: '{Des}',
					code: '{DesCode}',
					old: '{Date}',
				},
			],
			[
				'dlr-date-changelog',
				{
					id: '1000001',
					low: '{msgid}',
					a: '{Dlr_ddmmyyyhhmmss}',
					b: 'DATE',
					des: '{Des}',
					code: '{DesCode}',
					old: '{Date}',
				},
			],
			[
				'dlr-date-unknown',
				{
					id: '1000001',
					low: '{msgid}',
					a: '{Dlr_ddmmyyyhhmmss}',
					b: '{DLR_DDMMYYYYHHMMSS}',
					des: '{Des}',
					code: '{DesCode}',
					old: '{Date}',
				},
			],
		])('%s fills %j', async (profile, expected) => {
			const { reports } = await reportsOf(
				profile === 'standard' ? 'demo' : profile,
				{},
				template(),
			);
			expect(reports).toHaveLength(2);
			const final = reports[1];
			const dated = Object.fromEntries(
				Object.entries(final).map(([k, v]) => [k, /^\d{14}$/.test(v) ? 'DATE' : v]),
			);
			expect(dated).toEqual(expected);
		});

		it("dlr-provider-texts passes the provider's words through; failures come with reason 999 and the provider's message", async () => {
			const { reports } = await reportsOf('dlr-provider-texts', {
				SendToPhoneNumbers: '0541234560,0541234567,0541234568',
			});
			expect(finalReports(reports)).toEqual([
				['972541234560', '600', 'DELIVRD', '601', 'Delivered to handset (err:000)'],
				['972541234567', '700', 'UNDELIV', '999', 'Absent subscriber (err:001)'],
				['972541234568', '400', 'REJECTD', '999', 'ההודעה נדחתה על ידי המפעיל (err:088)'],
			]);
			expect(reports.filter((r) => r.StatusCode === '300').map((r) => r.StatusDes)).toEqual([
				'ACCEPTD',
				'ACCEPTD',
				'ACCEPTD',
			]);
		});

		it("the standard profile words reports with the document's tables, and reason 999 with a provider message", async () => {
			const { reports } = await reportsOf('demo', { SendToPhoneNumbers: '0541234560,0500000999' });
			expect(finalReports(reports)).toEqual([
				['972500000999', '700', 'Undeliver', '999', 'Handset memory full (err:022)'],
				['972541234560', '600', 'Delivered', '601', 'Message delivered'],
			]);
		});
	});

	describe('every status and reason code of the document', () => {
		const REASONS = [
			204, 205, 206, 207, 208, 210, 212, 214, 215, 216, 217, 218, 301, 401, 402, 501, 601, 701, 702,
			703, 704, 705, 706, 707, 999,
		];

		it('a number 050-0000RRR ends with reason RRR under its status, after a 300 Accepted unless the gateway failed it (reports of one number may arrive in either order)', async () => {
			const numbers = REASONS.map((reason) => `0500000${reason}`).join(',');
			const { reports } = await reportsOf('demo', { SendToPhoneNumbers: numbers });
			const byNumber = new Map<string, string[]>();
			for (const r of reports)
				byNumber.set(
					r.MSISDN,
					[
						...(byNumber.get(r.MSISDN) ?? []),
						`${r.StatusCode}/${r.ReasonCode} ${r.StatusDes}`,
					].sort(),
				);
			const expected = (reason: number): string[] => {
				const status = { 2: 200, 3: 300, 4: 400, 5: 500, 6: 600, 7: 700, 9: 700 }[
					Math.floor(reason / 100)
				]!;
				const name = {
					200: 'Failed',
					300: 'Accepted',
					400: 'Rejected',
					500: 'Buffered',
					600: 'Delivered',
					700: 'Undeliver',
				}[status];
				if (status === 200) return [`200/${reason} Failed`];
				if (status === 300) return ['300/301 Accepted'];
				return ['300/301 Accepted', `${status}/${reason} ${name}`].sort();
			};
			expect(Object.fromEntries(byNumber)).toEqual(
				Object.fromEntries(REASONS.map((reason) => [`972500000${reason}`, expected(reason)])),
			);
			const texts = new Map(reports.map((r) => [r.ReasonCode, r.ReasonDes]));
			expect(texts.get('218')).toBe('TargetMobileCanNotStartWithNumberZero');
			expect(texts.get('701')).toBe(
				'Message EXPIRED/ SMSC Error: Message validity period has expired',
			);
			expect(texts.get('501')).toBe('Buffered');
		});
	});

	describe('expire-zero (reading 4: ExpirationDelayInMinutes=0 expires at once)', () => {
		it('answers OK, then reports 200 Failed with reason 210 MessageExpired, and charges nothing', async () => {
			const { sent, reports } = await reportsOf('expire-zero', {
				SendToPhoneNumbers: '0541234560,0541234561',
			});
			expect(sent).toContain('<Response>OK</Response><MessageID>1000001</MessageID>');
			expect(reports.map((r) => [r.StatusCode, r.ReasonCode, r.ReasonDes])).toEqual([
				['200', '210', 'MessageExpired'],
				['200', '210', 'MessageExpired'],
			]);
			expect((await postForm(sandbox.url, COMPANY, login('expire-zero'))).body).toContain(
				'<SMS>100000</SMS>',
			);
		});

		it('delivers with a positive expiration', async () => {
			const { reports } = await reportsOf('expire-zero', { ExpirationDelayInMinutes: '1440' });
			expect(reports.map((r) => r.StatusCode)).toEqual(['300', '600']);
		});

		it('the standard profile reads 0 as no expiration, and expires a message whose delay reaches its expiration', async () => {
			expect((await reportsOf('demo', {})).reports.map((r) => r.StatusCode)).toEqual([
				'300',
				'600',
			]);
			receiver.hits.length = 0;
			const late = await reportsOf('demo', {
				DeliveryDelayInMinutes: '30',
				ExpirationDelayInMinutes: '20',
			});
			expect(late.reports.map((r) => [r.StatusCode, r.ReasonCode])).toEqual([['200', '210']]);
		});

		it('expires a voice call at once too', async () => {
			const sent = await postForm(sandbox.url, `${IVR}/SendIVRMessages`, ivr('expire-zero'));
			expect(sent.body).toContain('<MessageID>1000001</MessageID><Response>OK</Response>');
			const rows = await postForm(sandbox.url, `${IVR}/GetMessagesResponseByMessageID`, {
				...login('expire-zero'),
				MessageID: '1000001',
			});
			expect(rows.body).toContain('<Status>MessageExpired</Status>');
		});
	});

	describe('typed-numbers and typed-names (reading 5: every type the document allows)', () => {
		it('typed-numbers: MessageID -1 on failure, in both send methods', async () => {
			const failed = await postForm(sandbox.url, SEND, sms('typed-numbers', { Password: 'wrong' }));
			expect(failed.body).toContain(
				'<Response>InvalidUserNameOrPassword</Response><MessageID>-1</MessageID>',
			);
			const empty = await postForm(sandbox.url, SEND, sms('typed-numbers', { Message: ' ' }));
			expect(empty.body).toContain(
				'<Response>MessageCanNotBeEmpty</Response><MessageID>-1</MessageID>',
			);
			const call = await postForm(
				sandbox.url,
				`${IVR}/SendIVRMessages`,
				ivr('typed-numbers', { RecordID: '999' }),
			);
			expect(call.body).toContain(
				'<MessageID>-1</MessageID><Response>RecordIsNotAllowed</Response>',
			);
		});

		it('typed-numbers: balances with decimals, user prepaid mode as 1/0', async () => {
			await postForm(sandbox.url, V2, sms('typed-numbers'));
			expect((await postForm(sandbox.url, COMPANY, login('typed-numbers'))).body).toContain(
				'<SMS>1811.5</SMS><IVRSeconds>162516</IVRSeconds>',
			);
			const users = await postForm(sandbox.url, USERS, {
				...login('typed-numbers'),
				Mode: 'ThisUser',
			});
			expect(users.body).toContain(
				'<CompanyWorkingInUserPrepaidMode>true</CompanyWorkingInUserPrepaidMode><Items><UserPrePaid><UserName>typed-numbers</UserName><SMS>1349.25</SMS><UserWorkingInPrePaidMode>1</UserWorkingInPrePaidMode>',
			);
		});

		it("typed-numbers: IVR Status as its number in the document's table, SendDate as a .NET DateTime", async () => {
			await postForm(
				sandbox.url,
				`${IVR}/SendIVRMessages`,
				ivr('typed-numbers', { SendToPhoneNumbers: '0541234560,0541234567' }),
			);
			await wait(150);
			const rows = await postForm(sandbox.url, `${IVR}/GetMessagesResponseByMessageID`, {
				...login('typed-numbers'),
				MessageID: '1000001',
			});
			expect(rows.body).toMatch(
				/<Mobile>972541234560<\/Mobile><Status>12<\/Status><SendDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d<\/SendDate>/,
			);
			expect(rows.body).toContain('<Mobile>972541234567</Mobile><Status>13</Status>');
		});

		it('typed-names: prepaid modes as True/False, MessageID 0 on failure, the IVR answer in tempuri.org in SOAP', async () => {
			const users = await postForm(sandbox.url, USERS, {
				...login('typed-names'),
				Mode: 'ThisUser',
			});
			expect(users.body).toContain(
				'<CompanyWorkingInUserPrepaidMode>True</CompanyWorkingInUserPrepaidMode><Items><UserPrePaid><UserName>typed-names</UserName><SMS>1350.25</SMS><UserWorkingInPrePaidMode>True</UserWorkingInPrePaidMode>',
			);
			expect((await postForm(sandbox.url, COMPANY, login('typed-names'))).body).toContain(
				'<SMS>1812.5</SMS>',
			);
			expect(await sendAnswer('typed-names', { Password: 'x' })).toContain(
				'<MessageID>0</MessageID>',
			);
			await postForm(sandbox.url, `${IVR}/SendIVRMessages`, ivr('typed-names'));
			const soap = await postSoap(sandbox.url, IVR, NS, 'GetMessagesResponseByMessageID', {
				...login('typed-names'),
				MessageID: '1000001',
			});
			expect(soap.body).toContain(
				`<GetMessagesResponseByMessageIDResponse xmlns="${NS}"><GetMessagesResponseByMessageIDResult xmlns="http://tempuri.org/"><Login>OK</Login>`,
			);
			const bare = await postForm(sandbox.url, `${IVR}/GetMessagesResponseByMessageID`, {
				...login('typed-names'),
				MessageID: '1000001',
			});
			expect(bare.body).toContain(
				'<IVRMessagesReturnResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://tempuri.org/">',
			);
		});
	});

	describe('some-refused (reading 6: SomeMessagesSent)', () => {
		it('refuses numbers ending in 3: SomeMessagesSent with a message ID, and a 200 report with reason 214 for each', async () => {
			const { sent, reports } = await reportsOf('some-refused', {
				SendToPhoneNumbers: '0541234560,0541234563,0541234573',
			});
			expect(sent).toContain('<Response>SomeMessagesSent</Response><MessageID>1000001</MessageID>');
			expect(
				reports
					.filter((r) => r.StatusCode === '200')
					.map((r) => [r.MSISDN, r.ReasonCode, r.ReasonDes]),
			).toEqual([
				['972541234563', '214', 'NumberBlackListedForCompany'],
				['972541234573', '214', 'NumberBlackListedForCompany'],
			]);
			expect(reports.filter((r) => r.StatusCode === '600').map((r) => r.MSISDN)).toEqual([
				'972541234560',
			]);
		});

		it('answers NoMessagesSent when every number is refused', async () => {
			expect(await sendAnswer('some-refused', { SendToPhoneNumbers: '0541234563' })).toContain(
				'<Response>NoMessagesSent</Response><MessageID>0</MessageID>',
			);
		});
	});

	describe('cc-paired (reading 8: CC e-mail addresses)', () => {
		it('refuses a CC list whose length differs from the phone list', async () => {
			const response = await postForm(
				sandbox.url,
				SEND,
				sms('cc-paired', {
					SendToPhoneNumbers: '0541234560,0541234561',
					CCToEmail: 'ops@example.com',
				}),
			);
			expect(response.body).toContain(
				'<Response>ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems</Response><MessageID>0</MessageID>',
			);
			expect(sandbox.messages()).toHaveLength(0);
		});

		it('accepts one address per number, or none', async () => {
			expect(
				await sendAnswer('cc-paired', {
					SendToPhoneNumbers: '0541234560,0541234561',
					CCToEmail: 'a@example.com, b@example.com',
				}),
			).toContain('<Response>OK</Response>');
			expect(
				await sendAnswer('cc-paired', { SendToPhoneNumbers: '0541234560,0541234561' }),
			).toContain('<Response>OK</Response>');
			expect(sandbox.messages()[0].ccEmails).toEqual(['a@example.com', 'b@example.com']);
		});

		it('the standard profile takes any CC list', async () => {
			expect(
				await sendAnswer('demo', {
					Password: 'demo-api-key',
					SendToPhoneNumbers: '0541234560,0541234561',
					CCToEmail: 'ops@example.com',
				}),
			).toContain('<Response>OK</Response>');
		});
	});
});
