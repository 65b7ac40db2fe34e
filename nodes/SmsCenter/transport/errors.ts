import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { describeAnswer } from '../../shared/statusCodes/answerCodes';
import { isAcceptedAnswer } from '../../shared/transport/answerRules';

/** A failure the gateway reported in its own words (an answer code other than OK). */
export function gatewayAnswerError(node: INode, code: string, itemIndex: number, context: string): NodeApiError {
	const { meaning, action } = describeAnswer(code);
	return new NodeApiError(node, { code, message: meaning } as JsonObject, {
		message: `SMSCenter answered ${code}: ${meaning}`,
		description: `${context}. ${action ?? ''}`.trim(),
		itemIndex,
	});
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
