import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { MINIMAL } from '../fixtures';

/**
 * Reading 5 of the API document: answers carry every type the document allows. The typed-numbers
 * profile writes numbers wherever it can (MessageID -1, IVR Status as Int, SendDate as a .NET
 * DateTime, prepaid mode 1/0, balances with decimals); typed-names writes names (True/False, MessageID
 * 0, the IVR answer in http://tempuri.org/ also in SOAP).
 */
const NUMBERS = { username: 'typed-numbers', password: 'typed-numbers-api-key' };
const NAMES = { username: 'typed-names', password: 'typed-names-api-key' };
const sms = MINIMAL.smsSend;
const call = {
	resource: 'voiceCall',
	operation: 'send',
	recordId: '101',
	recipients: '0541234560,0541234567',
	message: 'Reminder',
	senderName: 'Clinic',
};
/** Both profiles' balance of their own user, prepaid modes read as booleans whatever their spelling. */
const typedBalance = (userName: string) => ({
	userName,
	sms: 1350.25,
	userWorkingInPrepaidMode: true,
	companyWorkingInUserPrepaidMode: true,
});
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('answers read as every type the document allows (sandbox profiles typed-numbers, typed-names)', () => {
	const sandbox = useSandbox();

	/** Places the call with this login, then reads its responses once the calls have ended. */
	const callThenRead = async (credentials: Record<string, string>) => {
		const sent = await runSmsCenter(sandbox.url, call, [{}], { credentials });
		await wait(150);
		return await runSmsCenter(
			sandbox.url,
			{
				resource: 'voiceCall',
				operation: 'getResponses',
				messageId: String(sent.output()[0].json.messageId),
			},
			[{}],
			{ credentials },
		);
	};

	/** Get User Balances for this user, as the login sees it. */
	const ownBalance = async (credentials: typeof NUMBERS) =>
		(
			await runSmsCenter(sandbox.url, MINIMAL.userBalances('ThisUser'), [{}], { credentials })
		).output()[0].json;

	it.each([
		['typed-numbers (MessageID -1)', NUMBERS],
		['typed-names (MessageID 0)', NAMES],
	])(
		'%s: a refused send shows SMSCenter\'s code, not "could not be read"',
		async (_label, login) => {
			const result = await runSmsCenter(sandbox.url, sms, [{}], {
				credentials: { ...login, password: 'wrong' },
			});
			expect(result.error()?.message).toBe(
				'SMSCenter answered InvalidUserNameOrPassword: Invalid username or password.',
			);
			const refusedCall = await runSmsCenter(sandbox.url, { ...call, recordId: '999' }, [{}], {
				credentials: login,
			});
			expect(refusedCall.error()?.message).toBe(
				'SMSCenter answered RecordIsNotAllowed: The recorded message (RecordID) is not allowed for this account.',
			);
		},
	);

	it('typed-numbers: balances with decimals, in Get Company Balance, Get User Balances and Estimate', async () => {
		const company = await runSmsCenter(
			sandbox.url,
			{ resource: 'account', operation: 'getCompanyBalance' },
			[{}],
			{ credentials: NUMBERS },
		);
		expect(company.output()[0].json).toEqual({
			sms: 1812.5,
			ivrSeconds: 162516,
			mms: 845,
			result: 'OK',
		});
		expect(await ownBalance(NUMBERS)).toEqual(typedBalance('typed-numbers'));
		const estimate = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'estimate', recipients: '0541234560', message: 'Hi' },
			[{}],
			{ credentials: NUMBERS },
		);
		expect(estimate.output()[0].json).toMatchObject({ smsBalance: 1812.5, fitsInBalance: true });
	});

	it('typed-numbers: an IVR Status written as a number is named, and a .NET DateTime SendDate is read', async () => {
		const responses = await callThenRead(NUMBERS);
		const rows = responses.output().map((item) => item.json);
		expect(rows.map((row) => row.status)).toEqual([
			{ name: 'IVRCallSuccess', code: 12, meaning: 'IVR call success', final: true },
			{ name: 'IVRCallNotSuccess', code: 13, meaning: 'IVR call not successful', final: true },
		]);
		const sentAt = Math.floor(sandbox.messages()[0].sentAt.getTime() / 1000) * 1000;
		expect(rows[0].sendDateRaw).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
		expect(rows[0].sendDate).toBe(new Date(sentAt).toISOString());
	});

	it('typed-names: prepaid modes written True/False are booleans', async () => {
		expect(await ownBalance(NAMES)).toEqual(typedBalance('typed-names'));
	});

	it('typed-names: the IVR answer in the http://tempuri.org/ namespace is read in SOAP and in the HTTP POST form', async () => {
		for (const protocol of ['soap11', 'httpPost']) {
			sandbox.reset();
			const credentials = { ...NAMES, protocol };
			const responses = await callThenRead(credentials);
			expect(responses.error()).toBeUndefined();
			expect(
				responses
					.output()
					.map((item) => [item.json.mobile, (item.json.status as { name: string }).name]),
			).toEqual([
				['0541234560', 'IVRCallSuccess'],
				['0541234567', 'IVRCallNotSuccess'],
			]);
		}
	});
});
