import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeType, IWorkflowBase } from 'n8n-workflow';
import { useSandbox } from '../harness/sandbox';
import { executeWorkflow, sandboxCredentials } from '../harness/executeWorkflow';
import { builtInStandIns } from '../harness/builtInStandIns';
import { loadBuilt } from '../harness/packageTypes';
import { sendMail } from '../sandbox/smtpClient';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const load = (file: string) =>
	JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as IWorkflowBase;
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
/**
 * Examples that send through the SMSCenter node; the others start from the trigger or use n8n's Send
 * Email node. Those that write to PostgreSQL need n8n's Postgres node and a database, which this engine
 * harness does not load; their other checks below still apply.
 */
const sending = files.filter(
	(f) =>
		load(f).nodes.some((n) => n.type === 'n8n-nodes-smscenter.smsCenter') &&
		!load(f).nodes.some((n) => n.type === 'n8n-nodes-base.postgres'),
);

/** Names of the parameters a node shows for given resource and operation. */
function shownParameters(
	properties: INodeProperties[],
	parameters: Record<string, unknown>,
): Set<string> {
	return new Set(
		properties
			.filter((p) =>
				Object.entries(p.displayOptions?.show ?? {}).every(([key, values]) =>
					(values as unknown[]).includes(parameters[key]),
				),
			)
			.map((p) => p.name),
	);
}

describe('example workflows', () => {
	const sandbox = useSandbox({ smtpPort: 0 });

	const node = loadBuilt<INodeType>('nodes/SmsCenter/SmsCenter.node.js', 'SmsCenter');
	const trigger = loadBuilt<INodeType>(
		'nodes/SmsCenterTrigger/SmsCenterTrigger.node.js',
		'SmsCenterTrigger',
	);

	it.each(files)('%s only sets parameters the nodes have', (file) => {
		for (const n of load(file).nodes) {
			const type =
				n.type === 'n8n-nodes-smscenter.smsCenter'
					? node
					: n.type === 'n8n-nodes-smscenter.smsCenterTrigger'
						? trigger
						: undefined;
			if (!type) continue;
			const shown = shownParameters(type.description.properties, n.parameters);
			expect(Object.keys(n.parameters).filter((name) => !shown.has(name))).toEqual([]);
		}
	});

	it.each(sending)('%s runs in the n8n engine against the sandbox', async (file) => {
		const workflow = load(file);
		const run = await executeWorkflow(
			workflow,
			{ smsCenterApi: sandboxCredentials(sandbox.url) },
			{ extraNodeTypes: builtInStandIns() },
		);
		const failures = Object.entries(run.run.data.resultData.runData).filter(
			([, tasks]) => tasks[0].error,
		);
		expect(failures.map(([name, tasks]) => `${name}: ${tasks[0].error?.message}`)).toEqual([]);
		const smsCenterNodes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-smscenter.smsCenter');
		for (const n of smsCenterNodes) expect(run.output(n.name).length).toBeGreaterThan(0);
		expect(sandbox.calls().length).toBeGreaterThan(0);
	});

	it("email-to-sms.json sends a mail that the sandbox's Email 2 SMS receiver turns into an SMS (the real n8n run is in test/e2e/email2sms.test.ts)", async () => {
		const node = load('email-to-sms.json').nodes.find(
			(n) => n.type === 'n8n-nodes-base.emailSend',
		)!;
		const p = node.parameters as Record<string, string> & {
			options: { appendAttribution?: boolean };
		};
		expect(p.options.appendAttribution).toBe(false);
		const message = [
			`From: ${p.fromEmail}`,
			`To: ${p.toEmail}`,
			`Subject: ${p.subject}`,
			'Content-Type: text/plain; charset=utf-8',
			'',
			p.text,
		].join('\r\n');
		const replies = await sendMail(sandbox.smtp!.host, sandbox.smtp!.port, {
			from: 'shop@example.com',
			to: p.toEmail.split(','),
			message,
		});
		expect(replies.data?.code).toBe(250);
		expect(sandbox.messages()).toEqual([
			expect.objectContaining({
				kind: 'email',
				sender: 'MyShop',
				text: p.text,
				recipients: [expect.objectContaining({ msisdn: '972541234560' })],
			}),
		]);
	});
});
