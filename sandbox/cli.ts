import { startSandbox } from './server';

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		port: Number(flag('port') ?? process.env.SMSCENTER_SANDBOX_PORT ?? 8025),
		host: flag('host') ?? '127.0.0.1',
		timeScale: flag('time-scale') !== undefined ? Number(flag('time-scale')) : undefined,
	});
	process.stdout.write(`SMSCenter sandbox listening on ${sandbox.url}\n`);
	process.stdout.write('Accounts: sandbox/fixtures/accounts.json (user "demo", API password "demo-api-key")\n');
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
