import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import type { Sandbox } from '../../sandbox/server';
import { startReceiver, useReceiver } from './receiver';
import { useSandbox } from '../harness/sandbox';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

async function sendReport(sandbox: Sandbox, body: unknown) {
	const response = await request(`${sandbox.url}/__sandbox/send-report`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.statusCode,
		json: (await response.body.json()) as Record<string, unknown>,
	};
}

describe('sample delivery reports to any URL', () => {
	const sandbox = useSandbox({ timeScale: 1e-6 });
	const receiver = useReceiver();

	it("POST /__sandbox/send-report appends the document's tokens to a URL without any and answers the attempt", async () => {
		const answer = await sendReport(sandbox, {
			url: `${receiver.url}?key=s3cret`,
			statusCode: 500,
			messageId: '42',
			msisdn: '972541234569',
			at: '2026-11-25T07:30:00Z',
		});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({
			ok: true,
			httpStatus: 200,
			body: '_OK_',
			statusCode: 500,
			attempt: 1,
		});
		expect(receiver.queries()).toEqual([
			{
				key: 's3cret',
				MsgID: '42',
				MSISDN: '972541234569',
				StatusCode: '500',
				StatusDes: 'Buffered',
				ReasonCode: '501',
				ReasonDes: 'Buffered',
				Date: '25112026093000',
			},
		]);
	});

	it('fills a URL with tokens as the chosen profile does; a reason alone brings its status', async () => {
		const answer = await sendReport(sandbox, {
			url: `${receiver.url}?s={StatusCode}&r={ReasonCode}&d={ReasonDes}&t={DLR_DDMMYYYYHHMMSS}`,
			reasonCode: 702,
			profile: 'dlr-date-table',
		});
		expect(answer.json.ok).toBe(true);
		expect(receiver.queries()).toEqual([
			{ s: '700', r: '702', d: 'Invalid Dest Addr', t: '{DLR_DDMMYYYYHHMMSS}' },
		]);
	});

	it("takes texts of the caller's choosing", async () => {
		await sendReport(sandbox, {
			url: receiver.url,
			statusCode: 700,
			reasonCode: 999,
			reasonDes: 'מכשיר כבוי',
		});
		expect(receiver.queries()[0]).toMatchObject({
			StatusCode: '700',
			ReasonCode: '999',
			ReasonDes: 'מכשיר כבוי',
		});
	});

	it("reports a receiver that does not acknowledge, and retries on the document's schedule when asked", async () => {
		const refusing = await startReceiver('no');
		try {
			const once = await sendReport(sandbox, { url: refusing.url });
			expect(once.json).toMatchObject({ ok: false, httpStatus: 200, body: 'no' });
			expect(refusing.hits).toHaveLength(1);
			const retried = await sendReport(sandbox, { url: refusing.url, retry: true });
			expect(retried.json.ok).toBe(false);
			await sandbox.dlr.idle();
			expect(refusing.hits).toHaveLength(1 + 84);
			expect(
				sandbox
					.dlrAttempts()
					.slice(-2)
					.map((a) => a.scheduledMinute),
			).toEqual([71 * 60, 72 * 60]);
		} finally {
			await refusing.close();
		}
	});

	it('refuses a bad request with 400 and a reason', async () => {
		expect(await sendReport(sandbox, { url: 'ftp://example.com/' })).toEqual({
			status: 400,
			json: { error: 'url must be an http:// or https:// URL' },
		});
		expect(await sendReport(sandbox, { url: receiver.url, statusCode: 'six hundred' })).toEqual({
			status: 400,
			json: { error: 'statusCode must be a whole number from 0 to 9999' },
		});
		expect(await sendReport(sandbox, { url: receiver.url, profile: 'nope' })).toMatchObject({
			status: 400,
		});
		expect(receiver.hits).toHaveLength(0);
	});

	it('npm run sandbox -- send-report <url> sends one report and exits 0 once it is acknowledged', async () => {
		const { stdout } = await run(
			process.execPath,
			[
				join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
				join(ROOT, 'sandbox', 'cli.ts'),
				'send-report',
				receiver.url,
				'--reason',
				'401',
				'--message-id',
				'77',
			],
			{ cwd: ROOT },
		);
		expect(JSON.parse(stdout.trim())).toMatchObject({ ok: true, statusCode: 400, messageId: '77' });
		expect(receiver.queries()[0]).toMatchObject({
			MsgID: '77',
			StatusCode: '400',
			ReasonCode: '401',
			ReasonDes: 'Message rejected by provider',
		});
		const refused = run(
			process.execPath,
			[
				join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
				join(ROOT, 'sandbox', 'cli.ts'),
				'send-report',
				'http://127.0.0.1:1/nothing-listens',
			],
			{ cwd: ROOT },
		);
		await expect(refused).rejects.toMatchObject({ code: 1 });
	});
});
