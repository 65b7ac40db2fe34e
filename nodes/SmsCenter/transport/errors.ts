import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { describeAnswer } from '../../shared/statusCodes/answerCodes';
import { isAcceptedAnswer, isLoginRefusal } from '../../shared/transport/answerRules';

/** Errors that say SMSCenter refused the login itself: every later request of the run would be refused too. */
const LOGIN_REFUSALS = new WeakSet<Error>();

export function isLoginRefusalError(error: unknown): error is NodeApiError {
	return error instanceof Error && LOGIN_REFUSALS.has(error);
}

/** A failure the gateway reported in its own words (an answer code other than OK). */
export function gatewayAnswerError(node: INode, code: string, itemIndex: number, context: string): NodeApiError {
	const { meaning, action } = describeAnswer(code);
	const refusal = isLoginRefusal(code);
	const error = new NodeApiError(node, { code, message: meaning } as JsonObject, {
		message: `SMSCenter answered ${code}: ${meaning}`,
		description: `${context}.${refusal ? ' Nothing was sent: SMSCenter refused the login.' : ''} ${action ?? ''}`.trim(),
		itemIndex,
	});
	if (refusal) LOGIN_REFUSALS.add(error);
	return error;
}

/** Throws SMSCenter's refusal, in its own words, unless the answer counts as accepted. */
export function requireAccepted(node: INode, code: string, itemIndex: number, context: string): void {
	if (!isAcceptedAnswer(code)) throw gatewayAnswerError(node, code, itemIndex, context);
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
