/** `npm start`: the demo environment (see demo.ts) until Ctrl-C. */
import { OWNER } from './n8n/instance';
import { startDemo } from './demo';

async function main(): Promise<void> {
	process.stdout.write('Starting the SMSCenter sandbox and n8n...\n');
	const demo = await startDemo({
		sandboxPort: Number(process.env.SMSCENTER_SANDBOX_PORT ?? 8025),
		smtpPort: Number(process.env.SMSCENTER_SANDBOX_SMTP_PORT ?? 2525),
		n8nPort: Number(process.env.N8N_PORT ?? 5678),
	});
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
