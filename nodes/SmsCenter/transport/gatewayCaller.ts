import { sleep, type ICredentialsDecrypted, type IExecuteFunctions, type IHttpRequestOptions, type NodeApiError } from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../../shared/credentialName';
import { DEFAULT_PROTOCOL, type AsmxProtocol } from '../../shared/protocol';
import { CredentialSetupError } from '../../shared/transport/login';
import { ASMX_METHODS, type AsmxMethod } from '../../shared/transport/methods';
import { buildAsmxRequest, buildPushSmsRequest, type GatewayParams, type GatewayRequest, type PushSmsSendAs } from '../../shared/transport/requestBuilder';
import { readAsmxResult, SoapFaultError, UnreadableAnswerError, type XmlValue } from '../../shared/transport/responseParser';
import { transportError } from './errors';

export interface CallSettings {
	protocol: AsmxProtocol;
	timeoutMs: number;
	/** Attempts for reads on timeouts, resets and 5xx; sends always get exactly one. */
	readAttempts: number;
	/** First backoff between read attempts; doubles each time. */
	backoffMs: number;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = { protocol: DEFAULT_PROTOCOL, timeoutMs: 30_000, readAttempts: 3, backoffMs: 500 };

interface RawAnswer {
	statusCode: number;
	body: string;
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ERR_BAD_RESPONSE']);

/** Why a call failed before an answer arrived, from n8n's wrapped error. */
function networkFailure(error: unknown): { code: string; message: string; setup?: CredentialSetupError } {
	const seen = new Set<unknown>();
	let current: unknown = error;
	let code = '';
	let message = '';
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (current instanceof CredentialSetupError) return { code: 'CREDENTIAL', message: current.message, setup: current };
		const record = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (!code && typeof record.code === 'string' && /^[A-Z_]+$/.test(record.code)) code = record.code;
		if (!message && typeof record.message === 'string') message = record.message;
		current = record.cause;
	}
	if (/timeout/i.test(message) && !code) code = 'ETIMEDOUT';
	return { code: code || 'UNKNOWN', message };
}

const FAILURE_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer came',
	ECONNABORTED: 'no answer came within the timeout',
	ETIMEDOUT: 'no answer came within the timeout',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name could not be resolved',
	EAI_AGAIN: 'the host name could not be resolved',
	EPIPE: 'the connection was closed while sending',
};

/** Only the first line, and never more than the gateway's own words: no URL, header or body. */
function safeMessage(message: string): string {
	return message.split('\n')[0].replace(/https?:\/\/\S+/g, '<url>').slice(0, 200);
}

export class GatewayCaller {
	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly settings: CallSettings,
		private readonly credentials?: ICredentialsDecrypted,
	) {}

	/** Calls an ASMX method and returns its result element. */
	async asmx(method: AsmxMethod, params: GatewayParams, itemIndex: number): Promise<XmlValue> {
		const request = buildAsmxRequest(method, params, this.settings.protocol);
		const sends = ASMX_METHODS[method].sends;
		return await this.call(request, method, sends, itemIndex, (answer) => {
			try {
				return readAsmxResult(answer.body, method);
			} catch (error) {
				throw this.unreadable(error, method, sends, itemIndex, answer.statusCode);
			}
		});
	}

	/** Calls pushsms.aspx and returns its plain-text answer. */
	async pushSms(params: GatewayParams, itemIndex: number, sendAs: PushSmsSendAs = 'body'): Promise<string> {
		return await this.call(buildPushSmsRequest(params, sendAs), 'pushsms.aspx', true, itemIndex, (answer) => answer.body.trim());
	}

	/** One attempt for sends; for reads, retries with backoff on network failures, 5xx and unreadable answers. */
	private async call<T>(request: GatewayRequest, what: string, sends: boolean, itemIndex: number, read: (answer: RawAnswer) => T): Promise<T> {
		const attempts = sends ? 1 : Math.max(1, this.settings.readAttempts);
		let lastError: NodeApiError | undefined;
		let tried = 0;
		for (let attempt = 1; attempt <= attempts; attempt++) {
			tried = attempt;
			if (attempt > 1) await sleep(this.settings.backoffMs * 2 ** (attempt - 2));
			const outcome = await this.once(request, what, sends, itemIndex);
			if ('statusCode' in outcome) {
				try {
					return read(outcome);
				} catch (error) {
					lastError = error as NodeApiError;
					if (sends || this.isClientFault(lastError)) break;
					continue;
				}
			}
			lastError = outcome.error;
			if (!outcome.transient) break;
		}
		if (lastError && tried > 1) {
			lastError.description = `${lastError.description ?? ''} Tried ${tried} times.`.trim();
		}
		throw lastError;
	}

	private isClientFault(error: NodeApiError): boolean {
		return error.message.includes('soap:Client');
	}

	private async once(request: GatewayRequest, what: string, sends: boolean, itemIndex: number): Promise<RawAnswer | { error: NodeApiError; transient: boolean }> {
		const node = this.ctx.getNode();
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body,
			qs: request.qs,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.settings.timeoutMs,
		};
		let response: { statusCode: number; body: unknown };
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_NAME,
				options,
				this.credentials ? { credentialsDecrypted: this.credentials } : undefined,
			)) as { statusCode: number; body: unknown };
		} catch (error) {
			const failure = networkFailure(error);
			if (failure.setup) {
				return { error: transportError(node, failure.setup.message, `Nothing was sent (${what}). Fix the SMSCenter credential and try again.`, itemIndex), transient: false };
			}
			const maySent = sends && failure.code !== 'ECONNREFUSED' && failure.code !== 'ENOTFOUND' && failure.code !== 'EAI_AGAIN';
			const consequence = sends
				? maySent
					? 'The request may have reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.'
					: 'Nothing was sent.'
				: '';
			return {
				error: transportError(
					node,
					`Could not reach SMSCenter (${what}): ${FAILURE_WORDS[failure.code] ?? 'the request failed'}`,
					`${failure.code}: ${safeMessage(failure.message)}. ${consequence}`.trim(),
					itemIndex,
				),
				transient: TRANSIENT_CODES.has(failure.code) || failure.code === 'UNKNOWN',
			};
		}
		const body = typeof response.body === 'string' ? response.body : response.body === undefined || response.body === null ? '' : String(response.body);
		if (response.statusCode >= 500 && !body.includes('soap:Fault') && !body.includes(':Fault>')) {
			const consequence = sends ? ' The request reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.' : '';
			return {
				error: transportError(node, `SMSCenter failed with HTTP ${response.statusCode} (${what})`, `${summariseBody(body)}${consequence}`, itemIndex, response.statusCode),
				transient: true,
			};
		}
		if (response.statusCode >= 300 && response.statusCode < 500) {
			return {
				error: transportError(node, `SMSCenter answered HTTP ${response.statusCode} (${what})`, `Check the base URL in the credential. ${summariseBody(body)}`, itemIndex, response.statusCode),
				transient: false,
			};
		}
		return { statusCode: response.statusCode, body };
	}

	private unreadable(error: unknown, what: string, sends: boolean, itemIndex: number, statusCode: number): NodeApiError {
		const node = this.ctx.getNode();
		if (error instanceof SoapFaultError) {
			return transportError(node, `SMSCenter returned a SOAP fault (${what}): ${error.faultCode}`, safeMessage(error.faultString), itemIndex, statusCode);
		}
		const reason = error instanceof UnreadableAnswerError ? error.message : String(error);
		const consequence = sends ? ' The request reached SMSCenter: check the SMSCenter reports before sending again.' : '';
		return transportError(node, `SMSCenter's answer could not be read (${what})`, `${reason}.${consequence}`, itemIndex, statusCode);
	}
}

function summariseBody(body: string): string {
	const stripped = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return stripped === '' ? 'The answer was empty.' : `The answer began: "${stripped.slice(0, 160)}"`;
}
