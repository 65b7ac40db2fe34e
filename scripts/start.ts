/** `npm start`: the demo environment (see demo.ts) until Ctrl-C. Ports: N8N_PORT, SMSCENTER_SANDBOX_PORT. */
import { createServer } from 'node:net';
import { OWNER } from './n8n/instance';
import { DEMO_STEPS, startDemo } from './demo';
import { showSteps } from './progress';

/** A port from the environment, or the default; anything else stops the start with a plain message. */
function portFrom(name: string, fallback: number): number {
	const text = process.env[name];
	if (text === undefined || text.trim() === '') return fallback;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`${name}=${text} is not a port number (1 to 65535).`);
	return port;
}

async function isFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/** n8n listens on its port and starts its task broker on the next one; its CLI imports use the third after it. */
async function checkPorts(n8nPort: number, sandboxPort: number): Promise<void> {
	const wanted: Array<[number, string]> = [
		[sandboxPort, 'the SMSCenter sandbox (SMSCENTER_SANDBOX_PORT)'],
		[n8nPort, 'n8n (N8N_PORT)'],
		[n8nPort + 1, "n8n's task broker (N8N_PORT + 1)"],
		[n8nPort + 3, "n8n's command line imports (N8N_PORT + 3)"],
	];
	const clash = wanted.find(
		([port], index) => wanted.findIndex(([other]) => other === port) !== index,
	);
	if (clash)
		throw new Error(
			`Port ${clash[0]} would serve two things: choose SMSCENTER_SANDBOX_PORT outside N8N_PORT to N8N_PORT + 3.`,
		);
	for (const [port, what] of wanted) {
		if (!(await isFree(port)))
			throw new Error(
				`Port ${port}, for ${what}, is in use. Stop what uses it, or choose other ports: N8N_PORT=5700 SMSCENTER_SANDBOX_PORT=8030 npm start`,
			);
	}
}

async function main(): Promise<void> {
	const n8nPort = portFrom('N8N_PORT', 5678);
	const sandboxPort = portFrom('SMSCENTER_SANDBOX_PORT', 8025);
	const smtpPort = portFrom('SMSCENTER_SANDBOX_SMTP_PORT', 2525);
	await checkPorts(n8nPort, sandboxPort);
	process.stderr.write('Starting the SMSCenter sandbox and n8n with this package:\n');
	const demo = await startDemo({ sandboxPort, smtpPort, n8nPort, step: showSteps(DEMO_STEPS) });
	process.stdout.write(
		[
			'',
			`n8n is running:       ${demo.n8n.url}`,
			`  log in as           ${OWNER.email} / ${OWNER.password}`,
			`SMSCenter sandbox:    ${demo.sandbox.url} (user demo, API password demo-api-key)`,
			`Email 2 SMS (SMTP):   ${demo.sandbox.smtp?.host}:${demo.sandbox.smtp?.port} (Subject "demo demo-api-key", To <mobile>@smscenter.co.il)`,
			'',
			'Demo workflows: open one and click "Execute workflow". Sent SMS are delivered by the sandbox,',
			`whose delivery reports start "${demo.reports?.name ?? 'the delivery report workflow'}" (see its executions).`,
			'Press Ctrl-C to stop both.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		process.stdout.write('\nStopping n8n and the sandbox...\n');
		await demo.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
