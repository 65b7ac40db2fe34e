import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { DEFAULT_PROTOCOL, type AsmxProtocol } from '../../shared/protocol';
import {
	checkedBaseUrl,
	CredentialSetupError,
	loginOf,
	withLogin,
	type GatewayLogin,
} from '../../shared/transport/login';
import {
	adminMethodNote,
	judgeLoginAnswer,
	LOGIN_CHECK_METHOD,
	loginCheckRequest,
	withoutPassword,
} from '../../shared/transport/loginCheck';
import { networkFailure } from '../transport/networkFailure';

interface RawResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

const FAILURE_WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNRESET: 'the connection was closed before an answer came',
	ETIMEDOUT: 'no answer came within 30 seconds',
	ECONNABORTED: 'no answer came within 30 seconds',
};

/** Why a request failed before an answer came, in words, with the error code. */
function failureWords(error: unknown, login: GatewayLogin): string {
	const { code } = networkFailure(error);
	if (FAILURE_WORDS[code]) return `${FAILURE_WORDS[code]} (${code})`;
	return withoutPassword(String((error as Error).message ?? error), login)
		.split('\n')[0]
		.slice(0, 200);
}

function locationOf(headers: Record<string, unknown> | undefined): string | undefined {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === 'location');
	return key === undefined ? undefined : String((headers ?? {})[key]);
}

/**
 * n8n's credential test for the SMSCenter credential: one CheckCompanyPrePaid call in the
 * credential's protocol, read for its answer code. Only an answer that means the login cannot work
 * fails the test; any other answer passes with the reason in the result's message. Nothing is
 * stored, and nothing runs before a node's own requests: their answers say when a login is wrong.
 */
export async function smsCenterApiLoginCheck(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	const protocol: AsmxProtocol = data.protocol === 'soap11' ? 'soap11' : DEFAULT_PROTOCOL;
	const login = loginOf(data);
	let baseUrl: string;
	try {
		baseUrl = checkedBaseUrl(data.baseUrl as string | undefined, data.allowInsecureHttp === true);
	} catch (error) {
		return {
			status: 'Error',
			message: error instanceof CredentialSetupError ? error.message : String(error),
		};
	}
	const check = loginCheckRequest(protocol);
	// n8n hands a credential test only its `request` helper (ICredentialTestFunctions), so the
	// options below are in that helper's shape. The login goes to the base URL alone: no redirect
	// is followed.
	const { request } = this.helpers;
	let response: RawResponse;
	try {
		response = (await request({
			method: 'POST',
			uri: `${baseUrl}${check.url}`,
			headers: check.headers,
			body: withLogin(check.body, check.headers['Content-Type'], login),
			timeout: 30_000,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
			followAllRedirects: false,
		})) as RawResponse;
	} catch (error) {
		return {
			status: 'Error',
			message: `Could not reach SMSCenter at ${new URL(baseUrl).host} (${LOGIN_CHECK_METHOD}): ${failureWords(error, login)}`,
		};
	}
	const body =
		typeof response.body === 'string'
			? response.body
			: Buffer.isBuffer(response.body)
				? response.body.toString('utf8')
				: '';
	const verdict = judgeLoginAnswer(
		{ statusCode: response.statusCode, body, location: locationOf(response.headers) },
		protocol,
		login,
	);
	if (!verdict.works) return { status: 'Error', message: verdict.message };
	if (verdict.code === 'OK') return { status: 'OK', message: 'Connection successful!' };
	return {
		status: 'OK',
		message: `Connection successful. ${adminMethodNote(LOGIN_CHECK_METHOD, verdict.code)}`,
	};
}
