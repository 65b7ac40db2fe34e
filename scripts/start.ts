/**
 * `npm start`: the SMSCenter sandbox and a real n8n with this package, demo credentials pointing at
 * the sandbox and the example workflows imported. Ctrl-C stops both.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/server';
import { installPackageInto, N8nInstance, OWNER, PACKAGE_ROOT } from './n8n/instance';

const SANDBOX_PORT = Number(process.env.SMSCENTER_SANDBOX_PORT ?? 8025);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const TOKENS = 'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';

interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ type: string; webhookId?: string; parameters: Record<string, unknown> }>;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: SANDBOX_PORT });
	const workDir = join(PACKAGE_ROOT, '.n8n-demo');
	rmSync(workDir, { recursive: true, force: true });
	const n8n = new N8nInstance({ workDir, port: N8N_PORT, database: { type: 'sqlite' } });
	installPackageInto(n8n.userFolder, workDir);
	n8n.importCredentials([
		{ id: 'smscenter-demo', name: 'SMSCenter sandbox', type: 'smsCenterApi', data: { username: 'demo', password: 'demo-api-key', baseUrl: sandbox.url, allowInsecureHttp: false, protocol: 'httpPost' } },
	]);
	const examplesDir = join(PACKAGE_ROOT, 'examples');
	const examples = readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as ExampleWorkflow);
	n8n.importWorkflows(examples);
	process.stdout.write('Starting n8n...\n');
	await n8n.start();

	const reports = examples.find((workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger'));
	if (reports) {
		const trigger = reports.nodes.find((node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger')!;
		await n8n.activate(reports.id);
		sandbox.setNotificationUrl('demo', `${n8n.url}/webhook/${trigger.webhookId}/delivery?key=${String(trigger.parameters.secret)}&${TOKENS}`);
	}

	process.stdout.write(
		[
			'',
			`n8n is running:       ${n8n.url}`,
			`  log in as           ${OWNER.email} / ${OWNER.password}`,
			`SMSCenter sandbox:    ${sandbox.url} (user demo, API password demo-api-key)`,
			'',
			'Demo workflows: open one and click "Execute workflow". Sent SMS are delivered by the sandbox,',
			`whose delivery reports start "${reports?.name ?? 'the delivery report workflow'}" (see its executions).`,
			'Press Ctrl-C to stop both.',
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nStopping n8n and the sandbox...\n');
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
