import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import {
	loadDefaultFixture,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/server';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	installPackageInto,
	N8nInstance,
	type N8nOptions,
} from '../../scripts/n8n/instance';
import { assertDistFresh } from '../harness/distFreshness';

/**
 * What the end-to-end suites share: the sandbox with a login of the test's own, real n8n instances
 * (each in a throw-away folder with a PostgreSQL database of its own and the packed package
 * installed), the credentials they import, queue-mode processes, and calls to webhooks, executions
 * and the credential test.
 */

/** The sandbox, with `password` for the demo login (a string no other in the run resembles, so a leak is found by plain search). */
export async function startSandboxWithPassword(
	password: string,
	options: Omit<SandboxOptions, 'fixture'> & { companySms?: number } = {},
): Promise<Sandbox> {
	const { companySms, ...rest } = options;
	const fixture = loadDefaultFixture();
	fixture.companies[0].users[0].password = password;
	if (companySms !== undefined) fixture.companies[0].sms = companySms;
	return await startSandbox({ ...rest, fixture });
}

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The data of an SMSCenter API credential: the sandbox's demo login at `baseUrl`. */
export function smsCenterLogin(
	baseUrl: string,
	password = 'demo-api-key',
	protocol: 'httpPost' | 'soap11' = 'httpPost',
): Record<string, unknown> {
	return { username: 'demo', password, baseUrl, allowInsecureHttp: false, protocol };
}

/** An SMSCenter API credential to import. */
export function smsCenterCredential(
	reference: { id: string; name: string },
	baseUrl: string,
	password?: string,
): ImportedCredential {
	return { ...reference, type: 'smsCenterApi', data: smsCenterLogin(baseUrl, password) };
}

/** An SMSCenter Trigger API credential (the secret of the delivery-report address) to import. */
export function triggerCredential(id: string, secret: string): ImportedCredential {
	return { id, name: 'SMSCenter Trigger secret', type: 'smsCenterTriggerApi', data: { secret } };
}

export interface N8nSetUp {
	port: number;
	logLevel?: N8nOptions['logLevel'];
	env?: Record<string, string>;
	/** The installed n8n to run (installN8n's answer); the default version when missing. */
	home?: string;
	credentials?: ImportedCredential[];
}

export interface TestN8n {
	n8n: N8nInstance;
	/** Its PostgreSQL database. */
	database: string;
}

/**
 * The real n8n instances of one test file. `create` sets one up without starting it; `start` also
 * imports workflows, starts n8n and activates them; `cleanUp` stops every instance and removes its
 * folder and database.
 */
export class TestN8ns {
	private readonly made: Array<{ workDir: string; database: string; n8n?: N8nInstance }> = [];
	private count = 0;

	/** `name` tells the folders and databases of this file apart: lower case letters, digits and _. */
	constructor(private readonly name: string) {}

	create(setUp: N8nSetUp): TestN8n {
		// n8n gets the package packed from dist/: a source edited since the last build would not be in it.
		assertDistFresh();
		const made: { workDir: string; database: string; n8n?: N8nInstance } = {
			workDir: mkdtempSync(join(tmpdir(), `smscenter-${this.name}-`)),
			database: `smscenter_${this.name}_${process.pid}_${this.count++}`,
		};
		this.made.push(made);
		createPostgresDatabase(made.database);
		const n8n = new N8nInstance(
			{
				workDir: made.workDir,
				port: setUp.port,
				database: { type: 'postgres', name: made.database },
				logLevel: setUp.logLevel,
				env: setUp.env,
			},
			setUp.home,
		);
		made.n8n = n8n;
		installPackageInto(n8n.userFolder, made.workDir);
		if (setUp.credentials && setUp.credentials.length > 0) n8n.importCredentials(setUp.credentials);
		return { n8n, database: made.database };
	}

	async start(setUp: N8nSetUp & { workflows?: Array<{ id: string }> }): Promise<TestN8n> {
		const made = this.create(setUp);
		const workflows = setUp.workflows ?? [];
		if (workflows.length > 0) made.n8n.importWorkflows(workflows);
		await made.n8n.start();
		for (const workflow of workflows) await made.n8n.activate(workflow.id);
		return made;
	}

	/** Stops every instance (its main process; a test stops the workers and webhook processors it started) and removes its folder and database. */
	async cleanUp(): Promise<void> {
		for (const { n8n, database, workDir } of this.made.splice(0)) {
			await n8n?.stop();
			dropPostgresDatabase(database);
			rmSync(workDir, { recursive: true, force: true });
		}
	}
}

/** Queue mode with Redis on this machine; `prefix` keeps the file's queues apart. Production webhooks go to the webhook processors. */
export function queueMode(prefix: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: '6379',
		QUEUE_BULL_PREFIX: prefix,
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
	};
}

/** Starts a queue-mode worker of the instance, with health check and task-runner broker ports of its own. */
export async function startWorker(
	n8n: N8nInstance,
	ports: { health: number; broker: number },
): Promise<ChildProcess> {
	return await n8n.start(
		['worker', '--concurrency=5'],
		'n8n worker is now ready',
		{
			QUEUE_HEALTH_CHECK_PORT: String(ports.health),
			N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		},
		join(n8n.userFolder, `worker-${ports.health}.log`),
	);
}

/** Starts a queue-mode webhook processor of the instance, listening on `ports.http`. */
export async function startWebhookProcessor(
	n8n: N8nInstance,
	ports: { http: number; broker: number },
): Promise<ChildProcess> {
	return await n8n.start(
		['webhook'],
		'Webhook listener waiting for requests.',
		{ N8N_PORT: String(ports.http), N8N_RUNNERS_BROKER_PORT: String(ports.broker) },
		join(n8n.userFolder, `webhook-${ports.http}.log`),
	);
}

/** Waits until `check` gives a value, at most `ms`; fails naming `what` otherwise. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	ms = 30_000,
): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`${what}: not reached in ${ms} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Waits until `count()` reaches `minimum` and stays the same for a few seconds. */
export async function settle(count: () => number, minimum: number, ms = 120_000): Promise<void> {
	const until = Date.now() + ms;
	let last = -1;
	while (Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const now = count();
		if (now >= minimum && now === last) return;
		last = now;
	}
	throw new Error(`${count()} arrived, expected at least ${minimum}`);
}

/** A POST with a JSON body: the status and the answer's JSON (undefined when it is empty). */
export async function postJson<T = Array<Record<string, unknown>>>(
	url: string,
	body: unknown = {},
): Promise<{ status: number; json: T }> {
	const response = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.body.text();
	return { status: response.statusCode, json: (text ? JSON.parse(text) : undefined) as T };
}

/** Calls the production webhook `path` of the instance, as a client starting a workflow does. */
export async function callWebhook<T = Array<Record<string, unknown>>>(
	n8n: N8nInstance,
	path: string,
	body: unknown = {},
): Promise<{ status: number; json: T }> {
	return await postJson<T>(`${n8n.url}/webhook/${path}`, body);
}

/**
 * n8n 2.40 registers a published workflow's webhooks a moment after the activation answers: calls
 * `url` (a GET, or a POST of `harmlessBody`, which must start nothing that matters) until it is no
 * longer 404.
 */
export async function untilRegistered(url: string, harmlessBody?: unknown): Promise<void> {
	await waitFor(
		`the webhook ${url}`,
		async () => {
			if (harmlessBody !== undefined)
				return (await postJson(url, harmlessBody)).status === 404 ? undefined : true;
			const response = await request(url);
			await response.body.text();
			return response.statusCode === 404 ? undefined : true;
		},
		60_000,
	);
}

/** GETs each URL, `inFlight` at once, and gives the answers' bodies in the order of the URLs. */
export async function getAll(urls: string[], inFlight: number): Promise<string[]> {
	const bodies: string[] = [];
	for (let i = 0; i < urls.length; i += inFlight) {
		const answers = await Promise.all(
			urls.slice(i, i + inFlight).map(async (url) => (await request(url)).body.text()),
		);
		bodies.push(...answers);
	}
	return bodies;
}

export interface Execution {
	id: string;
	status: string;
	workflowId: string;
	data?: {
		resultData: {
			error?: { message: string };
			runData: Record<
				string,
				Array<{
					error?: { message: string };
					data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
				}>
			>;
		};
	};
}

/** The instance's stored executions (of one workflow, when named), newest first, through the public API. */
export async function executions(
	n8n: N8nInstance,
	workflowId?: string,
	{ includeData = true, limit = 250 } = {},
): Promise<Execution[]> {
	const query = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
	if (workflowId !== undefined) query.set('workflowId', workflowId);
	return (await n8n.api<{ data: Execution[] }>('GET', `/executions?${query.toString()}`)).json.data;
}

/** The first output item of `node` in a stored execution. */
export function firstItemOf(execution: Execution, node: string): Record<string, unknown> {
	return execution.data!.resultData.runData[node][0].data!.main[0][0].json;
}

export interface CredentialTestResult {
	status: string;
	message: string;
}

/** Tests a stored credential as the editor does: with the data n8n hands back for it. */
export async function testStoredCredential(
	n8n: N8nInstance,
	id: string,
): Promise<CredentialTestResult> {
	const stored = await n8n.rest<{ data: Record<string, unknown> }>(
		'GET',
		`/rest/credentials/${id}?includeData=true`,
	);
	if (stored.status !== 200) throw new Error(`Reading credential ${id}: HTTP ${stored.status}`);
	const tested = await n8n.rest<{ data: CredentialTestResult }>('POST', '/rest/credentials/test', {
		credentials: stored.json.data,
	});
	if (tested.status !== 200) throw new Error(`Testing credential ${id}: HTTP ${tested.status}`);
	return tested.json.data;
}

/** Saves a new credential through the editor's REST API, then tests it as the editor does. */
export async function testNewCredential(
	n8n: N8nInstance,
	type: string,
	data: Record<string, unknown>,
): Promise<CredentialTestResult> {
	const created = await n8n.rest<{ data: { id: string } }>('POST', '/rest/credentials', {
		name: `Tested ${Date.now()}`,
		type,
		data,
	});
	if (created.status !== 200)
		throw new Error(
			`Saving the credential: HTTP ${created.status} ${JSON.stringify(created.json)}`,
		);
	return await testStoredCredential(n8n, created.json.data.id);
}

/**
 * The stored SMSCenter credential `id` passes n8n's credential test; a new one with a wrong password
 * fails in SMSCenter's words, without the password.
 */
export async function expectCredentialTestsInSmsCenterWords(
	n8n: N8nInstance,
	id: string,
	baseUrl: string,
): Promise<void> {
	expect(await testStoredCredential(n8n, id)).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	const bad = await testNewCredential(
		n8n,
		'smsCenterApi',
		smsCenterLogin(baseUrl, 'not-the-password'),
	);
	expect(bad.status).toBe('Error');
	expect(bad.message).toContain('SMSCenter refused the login: InvalidUserNameOrPassword');
	expect(bad.message).not.toContain('not-the-password');
}
