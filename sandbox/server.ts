import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Gateway } from './gateway';
import { DlrSender } from './dlr';
import { FaultBook, IIS_ERROR_PAGE } from './faults';
import { faultAnswer } from './faultAnswers';
import { SERVICES } from './asmx/services';
import { startEmail2Sms, type Email2Sms, type ReceivedEmail } from './email2sms';
import { PROFILES } from './profiles';
import { buildSampleReport, type SampleReportRequest } from './sampleReport';
import {
	plainError,
	readFormParams,
	readSoapCall,
	renderBare,
	renderSoap,
	type AsmxAnswer,
} from './asmx/protocols';
import type { DlrAttempt, FaultRule, ReceivedRequest, SandboxFixture, SentMessage } from './types';

export interface SandboxOptions {
	port?: number;
	host?: string;
	/** Accounts and rules; defaults to `fixtures/accounts.json`. */
	fixture?: SandboxFixture;
	/** Real milliseconds per virtual millisecond for schedules (delays, DLR retries). Default 1/1000. */
	timeScale?: number;
	/** How long a DLR attempt waits for the customer's server. */
	dlrTimeoutMs?: number;
	/** The profile (see profiles.ts) of every user that has none of its own; default `standard`. */
	profile?: string;
	/** Port of the Email 2 SMS receiver (SMTP); 0 picks a free one. No receiver when missing. */
	smtpPort?: number;
}

export interface Sandbox {
	url: string;
	port: number;
	gateway: Gateway;
	dlr: DlrSender;
	faults: FaultBook;
	/** The Email 2 SMS receiver, when `smtpPort` was given. */
	smtp?: { host: string; port: number };
	/** Mails the Email 2 SMS receiver was handed, oldest first. */
	emails(): ReceivedEmail[];
	/** Every request received, raw, oldest first. */
	requests: ReceivedRequest[];
	/** Requests that reached a method (ASMX or pushsms), oldest first. */
	calls(operation?: string): ReceivedRequest[];
	messages(): SentMessage[];
	dlrAttempts(): DlrAttempt[];
	injectFault(target: string, rule: FaultRule): void;
	/** Sets the delivery notification URL template of the company that `userName` belongs to (kept across resets). */
	setNotificationUrl(userName: string, template: string | undefined): void;
	reset(): void;
	close(): Promise<void>;
}

export function loadDefaultFixture(): SandboxFixture {
	return JSON.parse(
		readFileSync(join(__dirname, 'fixtures', 'accounts.json'), 'utf8'),
	) as SandboxFixture;
}

const SERVICE_PATH =
	/^\/web\/webservices\/(sendmessage|sendivrmessage|checkprepaid)\.as[mp]x(?:\/(\w+))?$/i;
const PUSH_PATH = /^(?:\/web)?\/pushsms\.aspx?$/i;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, answer: AsmxAnswer): void {
	res.writeHead(answer.status, {
		'content-type': answer.contentType,
		'content-length': Buffer.byteLength(answer.body),
	});
	res.end(answer.body);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const fixture = structuredClone(options.fixture ?? loadDefaultFixture());
	const timeScale = options.timeScale ?? 1 / 1000;
	let dlr = new DlrSender(timeScale, options.dlrTimeoutMs);
	let gateway = new Gateway(structuredClone(fixture), timeScale, dlr, options.profile);
	const faults = new FaultBook();
	const requests: ReceivedRequest[] = [];
	const sockets = new Set<Socket>();

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const record: ReceivedRequest = {
			at: new Date(),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: Object.fromEntries(
				Object.entries(req.headers).map(([k, v]) => [
					k,
					Array.isArray(v) ? v.join(', ') : (v ?? ''),
				]),
			),
			body: '',
			remoteAddress: req.socket.remoteAddress ?? '',
		};
		if (url.pathname.startsWith('/__sandbox/')) return inspect(url, req, res);
		requests.push(record);

		const serviceMatch = SERVICE_PATH.exec(url.pathname);
		const pushMatch = PUSH_PATH.test(url.pathname);
		const target = serviceMatch
			? (serviceMatch[2] ?? soapMethodHint(req))
			: pushMatch
				? 'pushsms'
				: '';
		const fault = target ? faults.take(target) : undefined;
		if (fault?.latencyMs) await sleep(fault.latencyMs);
		if (fault?.kind === 'resetBeforeBody') {
			req.socket.destroy();
			return;
		}
		record.body = await readBody(req);
		if (fault && fault.kind !== 'latency' && fault.kind !== 'resetAfterBody')
			return applyFault(fault, res, target, record.body);

		let answer: AsmxAnswer;
		if (serviceMatch)
			answer = asmx(serviceMatch[1].toLowerCase(), serviceMatch[2], req, url, record);
		else if (pushMatch) answer = push(url, req, record);
		else
			answer = {
				status: 404,
				contentType: 'text/html',
				body: IIS_ERROR_PAGE(404, 'The resource cannot be found.'),
			};

		if (fault?.kind === 'resetAfterBody') {
			req.socket.destroy();
			return;
		}
		send(res, answer);
	}

	function soapMethodHint(req: IncomingMessage): string {
		const action = String(req.headers.soapaction ?? '').replace(/"/g, '');
		return action.slice(action.lastIndexOf('/') + 1);
	}

	function applyFault(
		fault: FaultRule,
		res: ServerResponse,
		target: string,
		requestBody: string,
	): void {
		const answer = faultAnswer(fault, target, requestBody);
		// A hang answers nothing: the client's timeout ends the request.
		if (answer) send(res, answer);
	}

	function asmx(
		serviceKey: string,
		methodInPath: string | undefined,
		req: IncomingMessage,
		url: URL,
		record: ReceivedRequest,
	): AsmxAnswer {
		const service = SERVICES[serviceKey];
		record.service = serviceKey;
		if (methodInPath === undefined) {
			if (req.method !== 'POST')
				return {
					status: 200,
					contentType: 'text/html',
					body: `<html><body>${serviceKey} web service</body></html>`,
				};
			const call = readSoapCall(service, record.body, req.headers.soapaction as string | undefined);
			if ('status' in call) return call;
			record.protocol = 'soap';
			record.operation = call.method;
			record.params = stringParams(call.values);
			const result = service.methods[call.method].handle(
				gateway,
				call.values,
				record.remoteAddress,
			);
			return {
				status: 200,
				contentType: 'text/xml; charset=utf-8',
				body: renderSoap(call.method, service.namespace, result),
			};
		}
		const spec = Object.hasOwn(service.methods, methodInPath)
			? service.methods[methodInPath]
			: undefined;
		if (!spec)
			return plainError(
				`System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/${methodInPath}'.`,
			);
		// ASMX reads HttpPost parameters from the form only, HttpGet ones from the query.
		const form = req.method === 'POST' ? new URLSearchParams(record.body) : url.searchParams;
		record.protocol = req.method === 'POST' ? 'form' : 'get';
		record.operation = methodInPath;
		record.params = Object.fromEntries(form);
		const values = readFormParams(spec, form);
		if ('status' in values) return values as AsmxAnswer;
		const result = spec.handle(gateway, values, record.remoteAddress);
		return { status: 200, contentType: 'text/xml; charset=utf-8', body: renderBare(result) };
	}

	function push(url: URL, req: IncomingMessage, record: ReceivedRequest): AsmxAnswer {
		const form = req.method === 'POST' ? new URLSearchParams(record.body) : undefined;
		record.protocol = 'pushsms';
		record.operation = 'pushsms';
		record.params = { ...Object.fromEntries(form ?? []), ...Object.fromEntries(url.searchParams) };
		const answer = gateway.pushSms(url.searchParams, form, record.remoteAddress);
		return { status: 200, contentType: 'text/html; charset=utf-8', body: answer };
	}

	async function inspect(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
		const json = (value: unknown, status = 200) => {
			const body = JSON.stringify(value);
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(body);
		};
		const body = await readBody(req);
		switch (url.pathname) {
			case '/__sandbox/requests':
				return json(requests);
			case '/__sandbox/messages':
				return json([...gateway.messages.values()]);
			case '/__sandbox/dlr':
				return json(dlr.attempts);
			case '/__sandbox/faults': {
				const { target, ...rule } = JSON.parse(body || '{}') as FaultRule & { target?: string };
				faults.add(target ?? '*', rule);
				return json({ ok: true });
			}
			case '/__sandbox/notification-url': {
				const { userName, template } = JSON.parse(body || '{}') as {
					userName: string;
					template?: string;
				};
				sandbox.setNotificationUrl(userName, template);
				return json({ ok: true });
			}
			case '/__sandbox/reset':
				sandbox.reset();
				return json({ ok: true });
			case '/__sandbox/emails':
				return json(sandbox.emails());
			case '/__sandbox/profiles':
				return json(profileList(fixture, options.profile));
			case '/__sandbox/send-report': {
				if (req.method !== 'POST')
					return json({ error: 'POST a JSON body: {"url": "...", "statusCode": 600, ...}' }, 405);
				let target;
				try {
					const request = JSON.parse(body || '{}') as SampleReportRequest & { retry?: boolean };
					target = buildSampleReport(request);
					const attempt = await dlr.sendNow(target, request.retry === true);
					return json(attempt);
				} catch (error) {
					return json({ error: (error as Error).message }, 400);
				}
			}
			default:
				res.writeHead(404);
				res.end();
		}
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) =>
			send(res, plainError(`System.Exception: ${error.message}`)),
		);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
	const port = (server.address() as AddressInfo).port;
	const email: Email2Sms | undefined =
		options.smtpPort === undefined
			? undefined
			: await startEmail2Sms(() => gateway, { host, port: options.smtpPort });

	const sandbox: Sandbox = {
		url: `http://${host}:${port}`,
		port,
		get gateway() {
			return gateway;
		},
		get dlr() {
			return dlr;
		},
		faults,
		smtp: email ? { host: email.host, port: email.port } : undefined,
		emails: () => email?.received ?? [],
		requests,
		calls: (operation) =>
			requests.filter(
				(r) => r.operation !== undefined && (operation === undefined || r.operation === operation),
			),
		messages: () => [...gateway.messages.values()],
		dlrAttempts: () => dlr.attempts,
		injectFault: (target, rule) => faults.add(target, rule),
		setNotificationUrl(userName, template) {
			for (const source of [fixture, gateway.accounts.fixture]) {
				const company = source.companies.find((c) => c.users.some((u) => u.userName === userName));
				if (company) company.notificationUrl = template;
			}
		},
		reset() {
			dlr.close();
			dlr = new DlrSender(timeScale, options.dlrTimeoutMs);
			gateway = new Gateway(structuredClone(fixture), timeScale, dlr, options.profile);
			faults.clear();
			requests.length = 0;
			if (email) email.received.length = 0;
		},
		async close() {
			dlr.close();
			await email?.close();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return sandbox;
}

/** Each profile with the fixture's enabled users that play it. */
function profileList(fixture: SandboxFixture, defaultProfile = 'standard') {
	const users = fixture.companies
		.filter((company) => !company.disabled)
		.flatMap((company) => company.users.map((user) => ({ ...user, company: company.name })));
	return Object.values(PROFILES).map((profile) => ({
		name: profile.name,
		reading: profile.reading,
		behaviour: profile.behaviour,
		accounts: users
			.filter((user) => (user.profile ?? defaultProfile) === profile.name && !user.disabled)
			.map((user) => ({ userName: user.userName, password: user.password, company: user.company })),
	}));
}

function stringParams(values: Record<string, string | number>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
