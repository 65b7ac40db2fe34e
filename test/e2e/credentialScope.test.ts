import type { Sandbox } from '../../sandbox/server';
import type { N8nInstance } from '../../scripts/n8n/instance';
import { idMaker, linearWorkflow, postWebhook } from '../../scripts/n8n/workflowJson';
import { startRecordingServer, type RecordingServer } from '../harness/recordingServer';
import {
	callWebhook,
	smsCenterCredential,
	startSandboxWithPassword,
	testNewCredential,
	TestN8ns,
} from './fixtures';

/**
 * The SMSCenter credential in a real n8n: as a Predefined Credential Type of n8n's HTTP Request
 * node it logs in to SMSCenter, and it carries the password to no other host, not even through a
 * redirect of its own base URL. Also: the credential test in the credential's protocol, and for a
 * login that may not read the company balance.
 */
const PASSWORD = 'Scope-E2E-3d8a51f0-Secret';
const PORT = 6040;
const SANDBOX_CREDENTIAL = { id: 'SmsCenterScopeCred1', name: 'SMSCenter sandbox' };
const REDIRECTING_CREDENTIAL = { id: 'SmsCenterScopeCred2', name: 'SMSCenter behind a redirect' };

const uuid = idMaker('60400000');

/** A webhook-started workflow whose HTTP Request node calls `url` with the SMSCenter credential. */
function httpRequestWorkflow(
	id: string,
	path: string,
	credential: { id: string; name: string },
	parameters: Record<string, unknown>,
) {
	return linearWorkflow(id, `Scope ${path}`, [
		postWebhook(uuid, path, 'allEntries'),
		{
			id: uuid(),
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [200, 0],
			onError: 'continueRegularOutput',
			parameters: {
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'smsCenterApi',
				options: { response: { response: { responseFormat: 'text' } } },
				...parameters,
			},
			credentials: { smsCenterApi: credential },
		},
	]);
}

const formPost = (url: string) => ({
	method: 'POST',
	url,
	sendBody: true,
	contentType: 'form-urlencoded',
	bodyParameters: { parameters: [{ name: 'Mode', value: 'ThisUser' }] },
});
const queryGet = (url: string) => ({
	method: 'GET',
	url,
	sendQuery: true,
	queryParameters: {
		parameters: [
			{ name: 'Sender', value: 'MyShop' },
			{ name: 'ToPhoneNumber', value: '0541234560' },
			{ name: 'Message', value: 'Hi' },
		],
	},
});

describe("the SMSCenter credential in n8n's HTTP Request node (real n8n)", () => {
	const instances = new TestN8ns('scope');
	let sandbox: Sandbox;
	let elsewhere: RecordingServer;
	let redirecting: RecordingServer;
	let n8n: N8nInstance;

	const call = async (path: string) => await callWebhook(n8n, path);

	beforeAll(async () => {
		sandbox = await startSandboxWithPassword(PASSWORD);
		elsewhere = await startRecordingServer();
		redirecting = await startRecordingServer();
		redirecting.answerWith((received) => ({
			status: 307,
			headers: { location: `${elsewhere.url}${received.url}` },
		}));
		const workflows = [
			httpRequestWorkflow(
				'SmsCenterScopeOwn1',
				'scope-own-form',
				SANDBOX_CREDENTIAL,
				formPost(`${sandbox.url}/Web/WebServices/CheckPrePaid.asmx/CheckUsersPrePaid`),
			),
			httpRequestWorkflow(
				'SmsCenterScopeOwn2',
				'scope-own-query',
				SANDBOX_CREDENTIAL,
				queryGet(`${sandbox.url}/Web/pushsms.aspx`),
			),
			httpRequestWorkflow(
				'SmsCenterScopeFar1',
				'scope-far-form',
				SANDBOX_CREDENTIAL,
				formPost(`${elsewhere.url}/Web/WebServices/CheckPrePaid.asmx/CheckUsersPrePaid`),
			),
			httpRequestWorkflow(
				'SmsCenterScopeFar2',
				'scope-far-query',
				SANDBOX_CREDENTIAL,
				queryGet(`${elsewhere.url}/Web/pushsms.aspx`),
			),
			httpRequestWorkflow(
				'SmsCenterScopeRed1',
				'scope-redirect',
				REDIRECTING_CREDENTIAL,
				formPost(`${redirecting.url}/Web/WebServices/CheckPrePaid.asmx/CheckUsersPrePaid`),
			),
		];
		({ n8n } = await instances.start({
			port: PORT,
			credentials: [
				smsCenterCredential(SANDBOX_CREDENTIAL, sandbox.url, PASSWORD),
				smsCenterCredential(REDIRECTING_CREDENTIAL, redirecting.url, PASSWORD),
			],
			workflows,
		}));
	}, 600_000);

	afterAll(async () => {
		await instances.cleanUp();
		await sandbox?.close();
		await elsewhere?.close();
		await redirecting?.close();
	}, 120_000);

	beforeEach(() => {
		sandbox.reset();
		elsewhere.requests.length = 0;
		redirecting.requests.length = 0;
	});

	it('logs in to SMSCenter as a Predefined Credential Type: the form body of a POST', async () => {
		const response = await call('scope-own-form');
		expect(response.status).toBe(200);
		expect(String(response.json[0].data)).toContain('<ReturnValues>OK</ReturnValues>');
		expect(sandbox.calls().map((c) => [c.operation, c.params])).toEqual([
			['CheckUsersPrePaid', { UserName: 'demo', Password: PASSWORD, Mode: 'ThisUser' }],
		]);
	});

	it('logs in to SMSCenter as a Predefined Credential Type: the query string of a GET (the simple URL API)', async () => {
		const response = await call('scope-own-query');
		expect(response.json[0].data).toBe('OK');
		expect(sandbox.calls().map((c) => [c.method, c.query.UserName, c.query.Password])).toEqual([
			['GET', 'demo', PASSWORD],
		]);
		expect(sandbox.messages()).toHaveLength(1);
	});

	it.each(['scope-far-form', 'scope-far-query'])(
		'%s: a request to another host gets no login',
		async (path) => {
			await call(path);
			expect(elsewhere.requests).toHaveLength(1);
			expect(elsewhere.everything()).not.toContain(PASSWORD);
			expect(elsewhere.everything()).not.toContain('UserName');
			expect(sandbox.requests).toHaveLength(0);
		},
	);

	it('does not follow a redirect of its own base URL, so the login stays there', async () => {
		await call('scope-redirect');
		expect(redirecting.requests.length).toBeGreaterThanOrEqual(1);
		expect(redirecting.requests[0].body).toBe(`UserName=demo&Password=${PASSWORD}&Mode=ThisUser`);
		expect(elsewhere.requests).toHaveLength(0);
	});

	it('tests a SOAP credential over SOAP, and passes a login that may not read the company balance', async () => {
		// As the editor does: save the credential, then test it with the data n8n hands back.
		const test = async (data: Record<string, unknown>) =>
			await testNewCredential(n8n, 'smsCenterApi', { allowInsecureHttp: false, ...data });
		expect(
			await test({
				username: 'demo',
				password: PASSWORD,
				baseUrl: sandbox.url,
				protocol: 'soap11',
			}),
		).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.calls().map((c) => [c.protocol, c.operation])).toEqual([
			['soap', 'CheckCompanyPrePaid'],
		]);
		const apiUser = await test({
			username: 'api-user',
			password: 'api-user-api-key',
			baseUrl: sandbox.url,
			protocol: 'httpPost',
		});
		expect(apiUser.status).toBe('OK');
		expect(apiUser.message).toContain(
			'SMSCenter accepted the login but did not give the balance (CheckCompanyPrePaid answered UserIsNotAdministrator)',
		);
		const refused = await test({
			username: 'demo',
			password: 'not-the-password',
			baseUrl: sandbox.url,
			protocol: 'soap11',
		});
		expect(refused.status).toBe('Error');
		expect(refused.message).toContain('SMSCenter refused the login: InvalidUserNameOrPassword');
	});

	it("never writes the password to n8n's log", () => {
		expect(n8n.log()).not.toContain(PASSWORD);
	});
});
