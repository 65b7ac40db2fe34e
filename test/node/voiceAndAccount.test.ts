import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runSmsCenter } from '../harness/executeWorkflow';

describe('Voice call (IVR) and account in the n8n engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('sends a recorded message, then reads one item per called number', async () => {
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
			{ json: { status: 'OK', messageId: '1000001', recordId: '101', recipients: ['0541234560', '031234566', '0541234567'], recipientCount: 3 }, pairedItem: { item: 0 } },
		]);
		expect(sandbox.calls()[0].body).toBe(
			'UserName=demo&Password=demo-api-key&SenderName=Clinic&RecordID=101&SendToPhoneNumbers=0541234560%2C031234566%2C0541234567&Message=Appointment+reminder&DeliveryDelayInMinutes=0&ExpirationDelayInMinutes=60',
		);

		await new Promise((resolve) => setTimeout(resolve, 150));
		const responses = await runSmsCenter(sandbox.url, { resource: 'voiceCall', operation: 'getResponses', messageId: '={{ $json.id }}' }, [{ id: '1000001' }]);
		const sentAt = sandbox.messages()[0].sentAt;
		const sendDate = new Date(Math.floor(sentAt.getTime() / 1000) * 1000).toISOString();
		const row = (mobile: string, raw: string, status: string, meaning: string, seconds: number, response: string | null) => ({
			json: { messageId: '1000001', mobile, mobileRaw: raw, status: { name: status, meaning, final: true }, sendDate, sendDateRaw: expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/), callLengthSeconds: seconds, response },
			pairedItem: { item: 0 },
		});
		expect(responses.output()).toEqual([
			row('0541234560', '972541234560', 'IVRCallSuccess', 'IVR call success', 8, '2'),
			row('031234566', '97231234566', 'IVRCallSuccess', 'IVR call success', 8, '2'),
			row('0541234567', '972541234567', 'IVRCallNotSuccess', 'IVR call not successful', 0, null),
		]);
	});

	it('refuses a record that is not allowed with the SMSCenter code', async () => {
		const result = await runSmsCenter(sandbox.url, { resource: 'voiceCall', operation: 'send', recordId: '999', recipients: '0541234560', message: 'x', senderName: 'Clinic' });
		expect(result.error()?.message).toBe('SMSCenter answered RecordIsNotAllowed: The recorded message (RecordID) is not allowed for this account.');
	});

	it('reads the balances of this user and of all users, one item per user', async () => {
		const mine = await runSmsCenter(sandbox.url, { resource: 'account', operation: 'getUserBalances', mode: 'ThisUser' }, [{}], { credentials: { username: 'marketing', password: 'marketing-api-key' } });
		expect(mine.output()).toEqual([{ json: { userName: 'marketing', sms: 1350, userWorkingInPrepaidMode: true, companyWorkingInUserPrepaidMode: true }, pairedItem: { item: 0 } }]);
		const all = await runSmsCenter(sandbox.url, { resource: 'account', operation: 'getUserBalances', mode: 'AllUsers' });
		expect(all.output().map((i) => i.json.userName)).toEqual(['demo', 'marketing', 'retired']);
		expect(sandbox.calls().map((c) => c.params?.Mode)).toEqual(['ThisUser', 'AllUsers']);
	});

	it('reads the company balance over SOAP 1.1 chosen in the node', async () => {
		const result = await runSmsCenter(sandbox.url, { resource: 'account', operation: 'getCompanyBalance', connection: { protocol: 'soap11' } });
		expect(result.output()[0].json).toEqual({ sms: 100000, ivrSeconds: 162516, mms: 845, result: 'OK' });
		expect(sandbox.calls()[0]).toMatchObject({ protocol: 'soap', path: '/Web/WebServices/CheckPrePaid.asmx', operation: 'CheckCompanyPrePaid' });
	});
});
