import { loadDefaultFixture, startSandbox, type Sandbox } from '../../sandbox/server';
import type { FaultKind } from '../../sandbox/types';
import { runSmsCenter, type WorkflowRun } from '../harness/executeWorkflow';

/** A login full of the characters every encoding treats differently, around cores no other text has. */
const PASSWORD = `Qz7&<>"'%+ =Wv9`;
const USERNAME = `usr&<>"'%+ =Kx4`;

/** The forms a login takes on the way: in a form, a URL, XML, HTML, JSON. */
function forms(secret: string): string[] {
	const xml = secret
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
	const html = secret
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
	const form = new URLSearchParams([['x', secret]]).toString().slice(2);
	return [
		secret,
		encodeURIComponent(secret),
		form,
		xml,
		html,
		xml.replace(/&/g, '&amp;'),
		JSON.stringify(secret).slice(1, -1),
	];
}

const CORES = ['Qz7', 'Wv9', 'Kx4'];

/** Everything a run leaves in n8n's execution data, and the error's own fields. */
function executionData(run: WorkflowRun): string {
	const error = run.error();
	return JSON.stringify({
		data: run.run.data,
		message: error?.message,
		description: error?.description,
		stack: error?.stack,
		cause: (error as { cause?: unknown } | undefined)?.cause,
	});
}

const FAST = { timeoutSeconds: 2, readAttempts: 2, backoffMs: 10 };
const OPERATIONS: Array<[name: string, target: string, parameters: Record<string, unknown>]> = [
	[
		'SMS send',
		'SendMessageReturnMessageID',
		{
			resource: 'sms',
			operation: 'send',
			recipients: '0541234560',
			message: 'Hello',
			senderName: 'MyShop',
		},
	],
	[
		'SMS send (SendMessagesV2)',
		'SendMessagesV2',
		{
			resource: 'sms',
			operation: 'send',
			recipients: '0541234560',
			message: 'Hello',
			senderName: 'MyShop',
			options: { returnMessageId: false },
		},
	],
	[
		'simple URL API',
		'pushsms',
		{
			resource: 'sms',
			operation: 'sendSimple',
			recipients: '0541234560',
			message: 'Hello',
			senderName: 'MyShop',
		},
	],
	[
		'voice call',
		'SendIVRMessages',
		{
			resource: 'voiceCall',
			operation: 'send',
			recordId: '101',
			recipients: '0541234560',
			message: 'Hi',
			senderName: 'Clinic',
		},
	],
	[
		'voice responses',
		'GetMessagesResponseByMessageID',
		{ resource: 'voiceCall', operation: 'getResponses', messageId: '1000001' },
	],
	[
		'company balance',
		'CheckCompanyPrePaid',
		{ resource: 'account', operation: 'getCompanyBalance' },
	],
	[
		'SMS estimate',
		'CheckCompanyPrePaid',
		{ resource: 'sms', operation: 'estimate', recipients: '0541234560', message: 'Hello' },
	],
	[
		'user balances',
		'CheckUsersPrePaid',
		{ resource: 'account', operation: 'getUserBalances', mode: 'ThisUser' },
	],
];
const ECHOES: FaultKind[] = ['echoAspNetError', 'echoProxy400', 'echoSoapFault', 'echoAnswer'];
const PROTOCOLS = ['httpPost', 'soap11'];

/** Gateways, proxies and error pages that echo the request must not carry the login into n8n. */
describe('answers that echo the login', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		const fixture = loadDefaultFixture();
		Object.assign(fixture.companies[0].users[0], { userName: USERNAME, password: PASSWORD });
		sandbox = await startSandbox({ fixture });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const cases = OPERATIONS.flatMap(([name, target, parameters]) =>
		ECHOES.flatMap((fault) =>
			PROTOCOLS.map((protocol) => [name, fault, protocol, target, parameters] as const),
		),
	);

	it.each(cases)(
		'%s answered by %s over %s: no form of the login in the execution data',
		async (_name, fault, protocol, target, parameters) => {
			sandbox.injectFault(target, { kind: fault });
			const run = await runSmsCenter(
				sandbox.url,
				{ ...parameters, connection: { ...FAST, protocol } } as never,
				[{}],
				{ credentials: { username: USERNAME, password: PASSWORD } },
			);
			expect(run.error()).toBeDefined();
			expect(sandbox.requests.length).toBeGreaterThan(0);
			const data = executionData(run);
			for (const form of [...forms(PASSWORD), ...forms(USERNAME)]) expect(data).not.toContain(form);
			for (const core of CORES) expect(data).not.toContain(core);
			expect(`${run.error()?.message} ${run.error()?.description}`).not.toMatch(
				/font-family|<\w+|<\?xml/,
			);
			expect((run.error()?.description ?? '').length).toBeLessThan(900);
		},
	);

	it('a user list still names the user: only echoes are removed', async () => {
		const run = await runSmsCenter(sandbox.url, OPERATIONS[7][2] as never, [{}], {
			credentials: { username: USERNAME, password: PASSWORD },
		});
		expect(run.output().map((item) => item.json.userName)).toEqual([USERNAME]);
		expect(executionData(run)).not.toContain('Qz7');
	});
});
