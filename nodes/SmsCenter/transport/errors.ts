import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { describeAnswer, isKnownAnswer } from '../../shared/statusCodes/answerCodes';
import { isAcceptedAnswer, isLoginRefusal } from '../../shared/transport/answerRules';
import { answerExcerpt } from '../../shared/transport/gatewayText';

/** Errors that say SMSCenter refused the login itself: every later request of the run would be refused too. */
const LOGIN_REFUSALS = new WeakSet<Error>();

export function isLoginRefusalError(error: unknown): error is NodeApiError {
	return error instanceof Error && LOGIN_REFUSALS.has(error);
}

/** The advice every send failure carries when the request may have been carried out. */
export const MAY_HAVE_REACHED =
	'The request may have reached SMSCenter, so it was not repeated: check the SMSCenter reports before sending again.';

/** Send failures that prove nothing was sent: a refusal in the gateway's own words, a connection that never opened. */
const NOTHING_SENT = new WeakSet<Error>();

/** Marks a send failure as one that proves nothing was sent, so the same request may go again. */
export function nothingSent<E extends Error>(error: E): E {
	NOTHING_SENT.add(error);
	return error;
}

/** Whether a failure proves that the request was not carried out; anything else may have been. */
export function provesNothingSent(error: unknown): boolean {
	return error instanceof Error && NOTHING_SENT.has(error);
}

/** An answer code as it may appear in a message: one line of text, no markup, at most 80 characters. */
export function shownCode(code: string): string {
	const trimmed = code.trim();
	if (/^[\w .,'-]{1,80}$/.test(trimmed)) return trimmed;
	return answerExcerpt(trimmed, 80) || 'an answer without text';
}

/**
 * A failure the gateway reported in its own words (an answer code other than OK). A code the
 * gateway documents is a refusal: nothing was sent. A code this node does not know may hide a
 * send, so for sends it carries the advice to check the reports.
 */
export function gatewayAnswerError(
	node: INode,
	code: string,
	itemIndex: number,
	context: string,
	sends = false,
): NodeApiError {
	const { meaning, action } = describeAnswer(code);
	const known = isKnownAnswer(code);
	const shown = shownCode(code);
	const refusal = isLoginRefusal(code);
	const refused = refusal ? ' Nothing was sent: SMSCenter refused the login.' : '';
	const consequence = sends && !known ? ` ${MAY_HAVE_REACHED}` : '';
	const error = new NodeApiError(node, { code: shown, message: meaning } as JsonObject, {
		message: `SMSCenter answered ${shown}: ${meaning}`,
		description: `${context}.${refused} ${action ?? ''}${consequence}`.replace(/\s+/g, ' ').trim(),
		itemIndex,
	});
	if (refusal) LOGIN_REFUSALS.add(error);
	return known ? nothingSent(error) : error;
}

/** Throws SMSCenter's refusal, in its own words, unless the answer counts as accepted. */
export function requireAccepted(
	node: INode,
	code: string,
	itemIndex: number,
	context: string,
	sends = false,
): void {
	if (!isAcceptedAnswer(code)) throw gatewayAnswerError(node, code, itemIndex, context, sends);
}

/** A failure on the way to or from the gateway: network, HTTP status, or an answer that could not be read. */
export function transportError(
	node: INode,
	message: string,
	description: string,
	itemIndex: number,
	httpCode?: number,
): NodeApiError {
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		itemIndex,
		httpCode: httpCode === undefined ? undefined : String(httpCode),
	});
}
