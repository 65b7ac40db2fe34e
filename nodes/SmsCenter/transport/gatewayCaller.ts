import {
	NodeOperationError,
	sleep,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type NodeApiError,
} from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../../shared/credentialName';
import { DEFAULT_PROTOCOL, type AsmxProtocol } from '../../shared/protocol';
import { DEFAULT_BASE_URL, loginOf } from '../../shared/transport/login';
import {
	ANSWER_SCANNED,
	answerExcerpt,
	firstMeaningfulLine,
} from '../../shared/transport/gatewayText';
import { LoginScrubber } from '../../shared/transport/loginScrubber';
import {
	isRedirectStatus,
	REDIRECT_ADVICE,
	redirectSummary,
} from '../../shared/transport/redirects';
import { ASMX_METHODS, type AsmxMethod } from '../../shared/transport/methods';
import {
	buildAsmxRequest,
	buildPushSmsRequest,
	UnsafeTextError,
	type GatewayParams,
	type GatewayRequest,
	type PushSmsSendAs,
} from '../../shared/transport/requestBuilder';
import {
	readAsmxResult,
	SoapFaultError,
	UnreadableAnswerError,
	type XmlObject,
	type XmlValue,
} from '../../shared/transport/responseParser';
import { MAY_HAVE_REACHED, nothingSent, transportError } from './errors';
import {
	failedBeforeConnecting,
	failureWords,
	isTransient,
	networkFailure,
} from './networkFailure';

export interface CallSettings {
	protocol: AsmxProtocol;
	timeoutMs: number;
	/** Attempts for reads on timeouts, resets and 5xx; sends always get exactly one. */
	readAttempts: number;
	/** First backoff between read attempts; doubles each time. */
	backoffMs: number;
}

export const DEFAULT_CALL_SETTINGS: CallSettings = {
	protocol: DEFAULT_PROTOCOL,
	timeoutMs: 30_000,
	readAttempts: 3,
	backoffMs: 500,
};

interface RawAnswer {
	statusCode: number;
	body: string;
}

/** The node's field for each gateway parameter, to name it in an error. */
const PARAMETER_LABELS = new Map([
	['SenderName', 'Sender Name'],
	['Sender', 'Sender Name'],
	['SendToPhoneNumbers', 'Recipients'],
	['ToPhoneNumber', 'Recipient'],
	['CCToEmail', 'CC E-Mail Addresses'],
	['Message', 'Message'],
	['RecordID', 'Record ID'],
	['MessageID', 'Message ID'],
	['Mode', 'Users'],
]);

/** One attempt's failure, and whether a read may try again. */
interface AttemptFailure {
	error: NodeApiError;
	transient: boolean;
}

/** Only the first line, and never more than the gateway's own words: no URL, header or body. */
function safeMessage(message: string): string {
	return message
		.split('\n')[0]
		.replace(/https?:\/\/\S+/g, '<url>')
		.slice(0, 200);
}

/** The same answer with the login removed from every text in it. */
function scrubResult(value: XmlValue, scrubber: LoginScrubber): XmlValue {
	if (typeof value === 'string') return scrubber.scrubValue(value);
	if (Array.isArray(value)) return value.map((entry) => scrubResult(entry, scrubber));
	const scrubbed: XmlObject = {};
	for (const [name, entry] of Object.entries(value)) scrubbed[name] = scrubResult(entry, scrubber);
	return scrubbed;
}

/**
 * Calls the gateway through n8n's authentication helper (the credential adds the login), one
 * request per call. Sends get exactly one attempt; reads retry network failures, 5xx and
 * unreadable answers with backoff. Every failure becomes a NodeApiError naming the method; a send's
 * failure says whether the request may have been carried out, and is marked when it proves that
 * nothing was sent.
 */
export class GatewayCaller {
	/** Removes the login from everything the gateway or the network layer says, before it reaches an error or an output item. */
	private readonly scrubber: LoginScrubber;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly settings: CallSettings,
		private readonly credentials?: ICredentialsDecrypted,
	) {
		const data = credentials?.data ?? {};
		this.scrubber = new LoginScrubber(loginOf(data));
	}

	/** A failure in words the user may see: the login removed from its message and description. */
	private failure(
		message: string,
		description: string,
		itemIndex: number,
		httpCode?: number,
	): NodeApiError {
		return transportError(
			this.ctx.getNode(),
			this.scrubber.scrub(message),
			this.scrubber.scrub(description),
			itemIndex,
			httpCode,
		);
	}

	/** What the answer said, in a line: never markup, CSS or script, never more than a few hundred characters, never the login. */
	private summariseBody(body: string): string {
		if (body.trim() === '') return 'The answer was empty.';
		const excerpt = this.scrubber.scrub(
			answerExcerpt(this.scrubber.scrub(body.slice(0, ANSWER_SCANNED))),
		);
		return excerpt === '' ? 'The answer had no text.' : `The answer began: "${excerpt}"`;
	}

	/** The base URL the requests go to, for naming where a relative redirect points. */
	private baseUrl(): string {
		const raw = this.credentials?.data?.baseUrl;
		return typeof raw === 'string' && URL.canParse(raw.trim()) ? raw.trim() : DEFAULT_BASE_URL;
	}

	/** Calls an ASMX method and reads its result element with `read`; an answer `read` cannot take is an unreadable answer. */
	async asmx<T>(
		method: AsmxMethod,
		params: GatewayParams,
		itemIndex: number,
		read: (result: XmlValue) => T,
	): Promise<T> {
		const request = this.build(itemIndex, () =>
			buildAsmxRequest(method, params, this.settings.protocol),
		);
		const sends = ASMX_METHODS[method].sends;
		return await this.call(request, method, sends, itemIndex, (body) =>
			read(scrubResult(readAsmxResult(body, method), this.scrubber)),
		);
	}

	/** Calls pushsms.aspx and reads its plain-text answer with `read`. */
	async pushSms<T>(
		params: GatewayParams,
		itemIndex: number,
		read: (answer: string) => T,
		sendAs: PushSmsSendAs = 'body',
	): Promise<T> {
		const request = this.build(itemIndex, () => buildPushSmsRequest(params, sendAs));
		return await this.call(request, 'pushsms.aspx', true, itemIndex, (body) =>
			read(this.scrubber.scrub(body)),
		);
	}

	/** Builds a request; a text XML cannot carry is the item's bad input, named by its field, and nothing is sent. */
	private build(itemIndex: number, build: () => GatewayRequest): GatewayRequest {
		try {
			return build();
		} catch (error) {
			if (!(error instanceof UnsafeTextError))
				throw new NodeOperationError(this.ctx.getNode(), error as Error, { itemIndex });
			const label = PARAMETER_LABELS.get(error.parameter) ?? error.parameter;
			throw nothingSent(
				new NodeOperationError(
					this.ctx.getNode(),
					`Item ${itemIndex + 1}: ${label}: the text ${error.problem}`,
					{ itemIndex, description: 'Nothing was sent for this item.' },
				),
			);
		}
	}

	/** One attempt for sends; for reads, retries with backoff on network failures, 5xx and unreadable answers. */
	private async call<T>(
		request: GatewayRequest,
		what: string,
		sends: boolean,
		itemIndex: number,
		read: (body: string) => T,
	): Promise<T> {
		const attempts = sends ? 1 : Math.max(1, this.settings.readAttempts);
		let lastError: NodeApiError | undefined;
		let tried = 0;
		for (let attempt = 1; attempt <= attempts; attempt++) {
			tried = attempt;
			if (attempt > 1) await sleep(this.settings.backoffMs * 2 ** (attempt - 2));
			const outcome = await this.once(request, what, sends, itemIndex);
			if ('statusCode' in outcome) {
				try {
					return read(outcome.body);
				} catch (error) {
					const failure = this.unreadable(error, what, sends, itemIndex, outcome);
					lastError = failure.error;
					if (!failure.transient) break;
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

	private async once(
		request: GatewayRequest,
		what: string,
		sends: boolean,
		itemIndex: number,
	): Promise<RawAnswer | AttemptFailure> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body,
			qs: request.qs,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: this.settings.timeoutMs,
		};
		let response: { statusCode: number; body: unknown; headers?: unknown };
		try {
			response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_NAME,
				options,
				this.credentials ? { credentialsDecrypted: this.credentials } : undefined,
			)) as { statusCode: number; body: unknown; headers?: unknown };
		} catch (error) {
			const failure = networkFailure(error);
			if (failure.setup) {
				const setupError = this.failure(
					firstMeaningfulLine(failure.setup.message, 400),
					`Nothing was sent (${what}). Fix the SMSCenter credential and try again.`,
					itemIndex,
				);
				return { error: nothingSent(setupError), transient: false };
			}
			const unsent = failedBeforeConnecting(failure);
			const consequence = sends ? (unsent ? 'Nothing was sent.' : MAY_HAVE_REACHED) : '';
			const networkError = this.failure(
				`Could not reach SMSCenter (${what}): ${failureWords(failure)}`,
				`${failure.code}: ${safeMessage(failure.message)}. ${consequence}`.trim(),
				itemIndex,
			);
			return {
				error: unsent ? nothingSent(networkError) : networkError,
				transient: isTransient(failure),
			};
		}
		const body =
			typeof response.body === 'string'
				? response.body
				: response.body === undefined || response.body === null
					? ''
					: String(response.body);
		const consequence = sends ? ` ${MAY_HAVE_REACHED}` : '';
		if (response.statusCode >= 500 && !body.includes('soap:Fault') && !body.includes(':Fault>')) {
			return {
				error: this.failure(
					`SMSCenter failed with HTTP ${response.statusCode} (${what})`,
					`${this.summariseBody(body)}${consequence}`,
					itemIndex,
					response.statusCode,
				),
				transient: true,
			};
		}
		if (isRedirectStatus(response.statusCode)) {
			return {
				error: this.failure(
					`${redirectSummary(response.statusCode, response.headers, this.baseUrl())} (${what})`,
					`${REDIRECT_ADVICE}${consequence}`,
					itemIndex,
					response.statusCode,
				),
				transient: false,
			};
		}
		if (response.statusCode >= 400 && response.statusCode < 500) {
			return {
				error: this.failure(
					`SMSCenter answered HTTP ${response.statusCode} (${what})`,
					`Check the base URL in the credential. ${this.summariseBody(body)}${consequence}`,
					itemIndex,
					response.statusCode,
				),
				transient: false,
			};
		}
		return { statusCode: response.statusCode, body };
	}

	/**
	 * An answer that came but could not be taken: a SOAP fault, or not the shape the method answers
	 * with (an HTML page with HTTP 200, other XML, an unknown plain-text answer). A `soap:Client`
	 * fault means the gateway could not read the request, so nothing was done; anything else may
	 * hide a send.
	 */
	private unreadable(
		error: unknown,
		what: string,
		sends: boolean,
		itemIndex: number,
		answer: RawAnswer,
	): AttemptFailure {
		if (error instanceof SoapFaultError) {
			const refused = error.faultCode.endsWith('Client');
			const consequence = sends ? (refused ? ' Nothing was sent.' : ` ${MAY_HAVE_REACHED}`) : '';
			const faultError = this.failure(
				`SMSCenter returned a SOAP fault (${what}): ${error.faultCode}`,
				`${this.scrubber.scrub(answerExcerpt(this.scrubber.scrub(error.faultString))) || 'The fault had no text.'}${consequence}`,
				itemIndex,
				answer.statusCode,
			);
			return { error: refused ? nothingSent(faultError) : faultError, transient: !refused };
		}
		const reason =
			error instanceof UnreadableAnswerError ? error.message : 'the answer has an unexpected shape';
		const shown = answer.body.trim() === '' ? '' : ` ${this.summariseBody(answer.body)}.`;
		const consequence = sends ? ` ${MAY_HAVE_REACHED}` : '';
		return {
			error: this.failure(
				`SMSCenter's answer could not be read (${what})`,
				`${reason}.${shown}${consequence}`,
				itemIndex,
				answer.statusCode,
			),
			transient: true,
		};
	}
}
