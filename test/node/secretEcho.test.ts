import type { FaultKind } from '../../sandbox/types';
import { runSmsCenter, type WorkflowRun } from '../harness/executeWorkflow';
import { fixtureWith, useSandbox } from '../harness/sandbox';
import { MINIMAL } from './fixtures';

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
	['SMS send', 'SendMessageReturnMessageID', MINIMAL.smsSend],
	['SMS send (SendMessagesV2)', 'SendMessagesV2', MINIMAL.smsSendV2],
	['simple URL API', 'pushsms', MINIMAL.smsSendSimple],
	['voice call', 'SendIVRMessages', MINIMAL.voiceSend],
	['voice responses', 'GetMessagesResponseByMessageID', MINIMAL.voiceResponses],
	['company balance', 'CheckCompanyPrePaid', MINIMAL.companyBalance],
	['SMS estimate', 'CheckCompanyPrePaid', MINIMAL.smsEstimate],
	['user balances', 'CheckUsersPrePaid', MINIMAL.userBalances('ThisUser')],
];
const ECHOES: FaultKind[] = ['echoAspNetError', 'echoProxy400', 'echoSoapFault', 'echoAnswer'];
const PROTOCOLS = ['httpPost', 'soap11'];

/** Gateways, proxies and error pages that echo the request must not carry the login into n8n. */
describe('answers that echo the login', () => {
	const sandbox = useSandbox({
		fixture: fixtureWith((fixture) => {
			Object.assign(fixture.companies[0].users[0], { userName: USERNAME, password: PASSWORD });
		}),
	});

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
