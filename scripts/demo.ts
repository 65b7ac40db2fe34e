/**
 * The demo environment of `npm start` (and of the README screenshot): the SMSCenter sandbox and a
 * real n8n with this package, demo credentials pointing at the sandbox, the example workflows
 * imported and the delivery-report workflow active.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { TOKEN_QUERY } from '../nodes/SmsCenterTrigger/helpers/notification';
import { installN8n, installPackageInto, N8nInstance, PACKAGE_ROOT } from './n8n/instance';
import { quietSteps, type StepRunner } from './progress';

/** The demo trigger credential's secret (the example workflow refers to the credential by its ID). */
export const DEMO_TRIGGER_SECRET = 'demo-delivery-report-secret-0001';

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ type: string; webhookId?: string; parameters: Record<string, unknown> }>;
}

export interface Demo {
	sandbox: Sandbox;
	n8n: N8nInstance;
	examples: ExampleWorkflow[];
	reports?: ExampleWorkflow;
	stop(): Promise<void>;
}

export function loadExamples(): ExampleWorkflow[] {
	const dir = join(PACKAGE_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleWorkflow);
}

/** The SMTP credential the Email 2 SMS example uses: the sandbox's receiver, plain SMTP without STARTTLS. */
export function sandboxSmtpCredential(smtp: { host: string; port: number }) {
	return {
		id: 'smtp-smscenter-sandbox',
		name: 'SMTP: SMSCenter sandbox (Email 2 SMS)',
		type: 'smtp',
		data: {
			user: '',
			password: '',
			host: smtp.host,
			port: smtp.port,
			secure: false,
			disableStartTls: true,
			hostName: '',
		},
	};
}

/** How many steps `startDemo` reports through its step runner. */
export const DEMO_STEPS = 7;

export async function startDemo(options: {
	sandboxPort: number;
	n8nPort: number;
	smtpPort?: number;
	workDir?: string;
	step?: StepRunner;
}): Promise<Demo> {
	const step = options.step ?? quietSteps;
	const sandbox = await step(`Starting the SMSCenter sandbox on port ${options.sandboxPort}`, () =>
		startSandbox({ port: options.sandboxPort, smtpPort: options.smtpPort ?? 0 }),
	);
	const workDir = options.workDir ?? join(PACKAGE_ROOT, '.n8n-demo');
	rmSync(workDir, { recursive: true, force: true });
	const home = await step(
		'Checking the n8n install (the first run installs it: about 4 minutes)',
		() => installN8n(),
		{ ownProgress: true },
	);
	const n8n = new N8nInstance(
		{ workDir, port: options.n8nPort, database: { type: 'sqlite' } },
		home,
	);
	await step("Packing this package into n8n's community nodes", () =>
		installPackageInto(n8n.userFolder, workDir),
	);
	await step('Importing the credentials for the sandbox', () =>
		n8n.importCredentials([
			{
				id: 'smscenter-demo',
				name: 'SMSCenter sandbox',
				type: 'smsCenterApi',
				data: {
					username: 'demo',
					password: 'demo-api-key',
					baseUrl: sandbox.url,
					allowInsecureHttp: false,
					protocol: 'httpPost',
				},
			},
			sandboxSmtpCredential(sandbox.smtp!),
			{
				id: 'smscenter-demo-trigger',
				name: 'SMSCenter Trigger secret',
				type: 'smsCenterTriggerApi',
				data: { secret: DEMO_TRIGGER_SECRET },
			},
		]),
	);
	const examples = loadExamples();
	await step(`Importing ${examples.length} demo workflows`, () => n8n.importWorkflows(examples));
	await step(`Starting n8n on port ${options.n8nPort}`, () => n8n.start());

	// The delivery report workflow that needs nothing beyond n8n: the examples that record reports
	// into PostgreSQL would answer every report with an error without their database.
	const reports = examples.find(
		(workflow) =>
			workflow.nodes.some((node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger') &&
			!workflow.nodes.some((node) => node.type === 'n8n-nodes-base.postgres'),
	);
	await step('Publishing the delivery report workflow', async () => {
		if (!reports) return;
		const trigger = reports.nodes.find(
			(node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger',
		)!;
		await n8n.activate(reports.id);
		sandbox.setNotificationUrl(
			'demo',
			`${n8n.url}/webhook/${trigger.webhookId}/delivery?key=${DEMO_TRIGGER_SECRET}&${TOKEN_QUERY}`,
		);
	});
	return {
		sandbox,
		n8n,
		examples,
		reports,
		async stop() {
			await n8n.stop();
			await sandbox.close();
		},
	};
}
