import { CredentialSetupError } from '../../shared/transport/login';

/** Why a call failed before an answer arrived, read from n8n's wrapped error and its causes. */
export interface NetworkFailure {
	code: string;
	message: string;
	setup?: CredentialSetupError;
}

const ERROR_CODE = /^[A-Z_]+$/;

/**
 * The error's code. n8n 2.x keeps the request's error as the cause of its NodeApiError; n8n 1.x drops
 * that cause and keeps the code only as the NodeApiError's `httpCode` (`ECONNREFUSED` where an HTTP
 * status would be), so both places are read.
 */
function codeOf(record: { code?: unknown; httpCode?: unknown }): string {
	if (typeof record.code === 'string' && ERROR_CODE.test(record.code)) return record.code;
	if (typeof record.httpCode === 'string' && ERROR_CODE.test(record.httpCode))
		return record.httpCode;
	return '';
}

export function networkFailure(error: unknown): NetworkFailure {
	const seen = new Set<unknown>();
	let current: unknown = error;
	let code = '';
	let message = '';
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (current instanceof CredentialSetupError)
			return { code: 'CREDENTIAL', message: current.message, setup: current };
		const record = current as {
			code?: unknown;
			httpCode?: unknown;
			message?: unknown;
			cause?: unknown;
		};
		if (!code) code = codeOf(record);
		if (!message && typeof record.message === 'string') message = record.message;
		current = record.cause;
	}
	if (/timeout/i.test(message) && !code) code = 'ETIMEDOUT';
	return { code: code || 'UNKNOWN', message };
}

/** Failures worth another attempt of a read. */
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'ERR_BAD_RESPONSE',
	'UNKNOWN',
]);

/** Failures that happen before a connection is open: the request cannot have reached anyone. */
const BEFORE_CONNECTING = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

const FAILURE_WORDS = new Map<string, string>([
	['ECONNRESET', 'the connection was closed before an answer came'],
	['ECONNABORTED', 'no answer came within the timeout'],
	['ETIMEDOUT', 'no answer came within the timeout'],
	['ECONNREFUSED', 'the connection was refused'],
	['ENOTFOUND', 'the host name could not be resolved'],
	['EAI_AGAIN', 'the host name could not be resolved'],
	['EPIPE', 'the connection was closed while sending'],
]);

export function isTransient(failure: NetworkFailure): boolean {
	return TRANSIENT_CODES.has(failure.code);
}

export function failedBeforeConnecting(failure: NetworkFailure): boolean {
	return BEFORE_CONNECTING.has(failure.code);
}

export function failureWords(failure: NetworkFailure): string {
	return FAILURE_WORDS.get(failure.code) ?? 'the request failed';
}
