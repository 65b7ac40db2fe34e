import { startSandbox, type Sandbox } from '../../sandbox/server';
import { readSubjectLogin } from '../../sandbox/email2sms';
import { sendMail, textMail } from './smtpClient';
import { useReceiver } from './receiver';
import { fixtureWith, useSandbox } from '../harness/sandbox';

const TOKENS = 'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&ReasonCode={ReasonCode}';

describe('Email 2 SMS (SMTP)', () => {
	const sandbox = useSandbox({ smtpPort: 0 });
	const receiver = useReceiver();

	const mail = (
		to: string[],
		headers: Record<string, string>,
		body: string,
		from = 'shop@example.com',
	) =>
		sendMail(sandbox.smtp!.host, sandbox.smtp!.port, {
			from,
			to,
			message: textMail(
				{ From: `"MyShop" <${from}>`, To: to.join(', '), Subject: 'demo demo-api-key', ...headers },
				body,
			),
		});

	it('turns a mail into an SMS: To <mobile>@smscenter.co.il, From the sender, Subject the login, Body the text; then reports its delivery', async () => {
		sandbox.setNotificationUrl('demo', `${receiver.url}?${TOKENS}`);
		try {
			const replies = await mail(
				[
					'0541234560@smscenter.co.il',
					'054-1234567@SMSCenter.co.il',
					'+972541234562@smscenter.co.il',
				],
				{},
				'Your order #1042 has shipped.\r\n',
			);
			expect(replies.greeting.code).toBe(220);
			expect(replies.ehlo.text).not.toMatch(/STARTTLS|AUTH/);
			expect(replies.rcpt.map((r) => r.code)).toEqual([250, 250, 250]);
			expect(replies.data).toEqual({ code: 250, text: 'OK: queued as SMS message 1000001' });
			const [message] = sandbox.messages();
			expect(message).toMatchObject({
				id: '1000001',
				kind: 'email',
				userName: 'demo',
				sender: 'MyShop',
				text: 'Your order #1042 has shipped.',
				segments: 1,
			});
			expect(message.recipients.map((r) => r.msisdn)).toEqual([
				'972541234560',
				'972541234567',
				'972541234562',
			]);
			await sandbox.dlr.idle();
			expect(
				receiver
					.queries()
					.filter((q) => q.StatusCode !== '300')
					.sort((a, b) => a.MSISDN.localeCompare(b.MSISDN)),
			).toEqual([
				{ MsgID: '1000001', MSISDN: '972541234560', StatusCode: '600', ReasonCode: '601' },
				{ MsgID: '1000001', MSISDN: '972541234562', StatusCode: '600', ReasonCode: '601' },
				{ MsgID: '1000001', MSISDN: '972541234567', StatusCode: '700', ReasonCode: '703' },
			]);
		} finally {
			sandbox.setNotificationUrl('demo', undefined);
		}
	});

	it("uses the sender's address when From has no name; reads Hebrew from a MIME-encoded subject and body", async () => {
		const body = 'שלום, ההזמנה נשלחה';
		const replies = await sendMail(sandbox.smtp!.host, sandbox.smtp!.port, {
			from: 'alerts@example.com',
			to: ['0541234560@smscenter.co.il'],
			message: textMail(
				{
					From: 'alerts@example.com',
					To: '0541234560@smscenter.co.il',
					Subject: '=?UTF-8?B?ZGVtbyBkZW1vLWFwaS1rZXk=?=',
				},
				body,
			),
		});
		expect(replies.data?.code).toBe(250);
		expect(sandbox.messages()[0]).toMatchObject({
			sender: 'alerts@example.com',
			text: body,
			segments: 1,
		});
	});

	it('charges a long body by its segments', async () => {
		await mail(['0541234560@smscenter.co.il'], {}, 'a'.repeat(161));
		expect(sandbox.messages()[0]).toMatchObject({ segments: 2, messageOption: 'Concatenated' });
	});

	it('refuses recipients outside smscenter.co.il and local parts that are not mobile numbers, at RCPT TO', async () => {
		const replies = await mail(
			[
				'someone@example.com',
				'shop@smscenter.co.il',
				'031234567@smscenter.co.il',
				'0541234560@smscenter.co.il',
			],
			{},
			'Hi',
		);
		expect(replies.rcpt.map((r) => r.code)).toEqual([550, 550, 550, 250]);
		expect(replies.rcpt[0].text).toContain('relaying denied');
		expect(replies.rcpt[1].text).toContain('"shop" is not a mobile number');
		expect(replies.data?.code).toBe(250);
		expect(sandbox.messages()[0].recipients.map((r) => r.msisdn)).toEqual(['972541234560']);
	});

	it.each([
		['a wrong password', { Subject: 'demo wrong' }, 'Hi', 'Invalid Username or Password.'],
		['a subject without a password', { Subject: 'demo' }, 'Hi', 'Invalid Username or Password.'],
		['no subject', { Subject: '' }, 'Hi', 'Invalid Username or Password.'],
		[
			'a disabled user',
			{ Subject: 'retired retired-api-key' },
			'Hi',
			'User is disabled or deleted.',
		],
		['a disabled company', { Subject: 'closed closed-api-key' }, 'Hi', 'Company is Disabled.'],
		['an empty body', {}, ' \r\n', 'The message cannot be empty.'],
	])(
		"refuses %s with the gateway's words and sends nothing",
		async (_label, headers, body, answer) => {
			const replies = await mail(['0541234560@smscenter.co.il'], headers, body);
			expect(replies.data).toEqual({ code: 550, text: answer });
			expect(sandbox.messages()).toHaveLength(0);
			expect(sandbox.emails()).toEqual([expect.objectContaining({ accepted: false, answer })]);
		},
	);

	/** "Hi" from a@example.com to one address, logged in by the subject. */
	const sayHi = (to: Sandbox, address: string, subject: string) =>
		sendMail(to.smtp!.host, to.smtp!.port, {
			from: 'a@example.com',
			to: [address],
			message: textMail({ From: 'Shop <a@example.com>', Subject: subject }, 'Hi'),
		});

	it('refuses an international number for a company without that permission', async () => {
		const replies = await sayHi(sandbox, '+447911123456@smscenter.co.il', 'shop shop-api-key');
		expect(replies.data).toEqual({
			code: 550,
			text: 'Company Has No Permission To Send to the specified Operator.',
		});
	});

	it('refuses a company that may no longer push through URL or MAIL', async () => {
		const closed = await startSandbox({
			fixture: fixtureWith((fixture) => {
				fixture.companies[0].allowUrlPush = false;
			}),
			smtpPort: 0,
		});
		try {
			const replies = await sayHi(closed, '0541234560@smscenter.co.il', 'demo demo-api-key');
			expect(replies.data).toEqual({
				code: 550,
				text: 'Company is not allowed to push more messages through URL or MAIL',
			});
			expect(closed.messages()).toHaveLength(0);
		} finally {
			await closed.close();
		}
	});

	it('keeps each mail for inspection, never its subject', async () => {
		await mail(['0541234560@smscenter.co.il'], {}, 'Hi');
		const listed = (await (await fetch(`${sandbox.url}/__sandbox/emails`)).json()) as Array<
			Record<string, unknown>
		>;
		expect(listed).toEqual([
			expect.objectContaining({
				mailFrom: 'shop@example.com',
				rcptTo: ['0541234560@smscenter.co.il'],
				sender: 'MyShop',
				userName: 'demo',
				text: 'Hi',
				accepted: true,
				answer: 'OK',
				messageId: '1000001',
			}),
		]);
		expect(JSON.stringify(listed)).not.toContain('demo-api-key');
	});

	it('reads the login from the subject: two words separated by spaces, a comma or a semicolon', () => {
		expect(readSubjectLogin('  demo   demo-api-key ')).toEqual({
			userName: 'demo',
			password: 'demo-api-key',
		});
		expect(readSubjectLogin('demo,demo-api-key')).toEqual({
			userName: 'demo',
			password: 'demo-api-key',
		});
		expect(readSubjectLogin('demo; demo-api-key')).toEqual({
			userName: 'demo',
			password: 'demo-api-key',
		});
		expect(readSubjectLogin('demo')).toBeUndefined();
		expect(readSubjectLogin('a b c')).toBeUndefined();
	});
});
