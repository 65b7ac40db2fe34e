/**
 * `npm run sandbox` starts the sandbox; `npm run sandbox -- send-report <url>` sends one sample delivery
 * report to a URL and prints the attempt; `npm run sandbox -- profiles` lists the profiles.
 */
import { DlrSender } from './dlr';
import { PROFILES } from './profiles';
import { buildSampleReport } from './sampleReport';
import { startSandbox } from './server';

const args = process.argv.slice(2);

function flag(name: string): string | undefined {
	const index = args.indexOf(`--${name}`);
	return index >= 0 ? args[index + 1] : undefined;
}

async function serve(): Promise<void> {
	const smtpFlag = flag('smtp-port') ?? process.env.SMSCENTER_SANDBOX_SMTP_PORT ?? '2525';
	const sandbox = await startSandbox({
		port: Number(flag('port') ?? process.env.SMSCENTER_SANDBOX_PORT ?? 8025),
		host: flag('host') ?? '127.0.0.1',
		timeScale: flag('time-scale') !== undefined ? Number(flag('time-scale')) : undefined,
		profile: flag('profile'),
		smtpPort: smtpFlag === 'off' ? undefined : Number(smtpFlag),
	});
	process.stdout.write(`SMSCenter sandbox listening on ${sandbox.url}\n`);
	if (sandbox.smtp)
		process.stdout.write(
			`Email 2 SMS (SMTP, no TLS) on ${sandbox.smtp.host}:${sandbox.smtp.port}\n`,
		);
	process.stdout.write(
		'Accounts: sandbox/fixtures/accounts.json (user "demo", API password "demo-api-key"); profiles: npm run sandbox -- profiles\n',
	);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

/** Sends one report; exit code 0 when the receiver acknowledged it with `_OK_`. */
async function sendReport(): Promise<void> {
	const url = args[1];
	if (url === undefined || url.startsWith('--')) {
		throw new Error(
			'Usage: npm run sandbox -- send-report <url> [--status 600] [--reason 601] [--message-id 1000001] [--msisdn 972541234560] [--status-des TEXT] [--reason-des TEXT] [--at ISO-DATE] [--profile NAME] [--retry [--time-scale 0.001]]',
		);
	}
	const target = buildSampleReport({
		url,
		statusCode: flag('status') === undefined ? undefined : Number(flag('status')),
		reasonCode: flag('reason') === undefined ? undefined : Number(flag('reason')),
		messageId: flag('message-id'),
		msisdn: flag('msisdn'),
		statusDes: flag('status-des'),
		reasonDes: flag('reason-des'),
		at: flag('at'),
		profile: flag('profile'),
	});
	const retry = args.includes('--retry');
	const sender = new DlrSender(Number(flag('time-scale') ?? 1 / 1000));
	const first = await sender.sendNow(target, retry);
	if (retry && !first.ok) await sender.idle();
	sender.close();
	for (const attempt of sender.attempts) process.stdout.write(`${JSON.stringify(attempt)}\n`);
	process.exitCode = sender.attempts.some((attempt) => attempt.ok) ? 0 : 1;
}

function listProfiles(): void {
	for (const profile of Object.values(PROFILES))
		process.stdout.write(`${profile.name}\n  ${profile.reading}\n`);
}

const commands: Record<string, () => Promise<void> | void> = {
	'send-report': sendReport,
	profiles: listProfiles,
};
const command = args[0] !== undefined && !args[0].startsWith('--') ? args[0] : undefined;

Promise.resolve()
	.then(() =>
		command === undefined
			? serve()
			: (
					commands[command] ??
					(() =>
						Promise.reject(
							new Error(`Unknown command "${command}". Commands: send-report, profiles`),
						))
				)(),
	)
	.catch((error: Error) => {
		process.stderr.write(`${error.message}\n`);
		process.exit(2);
	});
