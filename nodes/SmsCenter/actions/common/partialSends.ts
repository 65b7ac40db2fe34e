import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { describeAnswer } from '../../../shared/statusCodes/answerCodes';
import { isPartialAnswer } from '../../../shared/transport/answerRules';

const PARTIAL = 'SomeMessagesSent';

function partialMeaning(): string {
	const { meaning, action } = describeAnswer(PARTIAL);
	return `${meaning}${action ? ` ${action}` : ''}`;
}

/**
 * What a sent item's output says about the answer: `partial` is true when SMSCenter carried out
 * the request that carried the item only in part, with a warning in SMSCenter's words. A workflow
 * branches on `partial` (or `status`).
 */
export function partialFields(code: string): IDataObject {
	if (!isPartialAnswer(code)) return { partial: false };
	return {
		partial: true,
		warning: `SMSCenter answered ${PARTIAL}: ${partialMeaning()} The delivery reports (status 200, Failed) say which recipients were refused.`,
	};
}

/** Tells the user, in n8n's own way (an execution hint on the output), which items were sent only in part. */
export function addPartialSendHint(ctx: IExecuteFunctions, itemIndexes: number[]): void {
	if (itemIndexes.length === 0 || typeof ctx.addExecutionHints !== 'function') return;
	const shown = itemIndexes.slice(0, 20).map((index) => index + 1);
	const more =
		itemIndexes.length > shown.length ? ` and ${itemIndexes.length - shown.length} more` : '';
	ctx.addExecutionHints({
		type: 'warning',
		location: 'outputPane',
		message: `SMSCenter sent item(s) ${shown.join(', ')}${more} only in part. ${PARTIAL}: ${partialMeaning()} These items have "partial": true; the delivery reports (status 200, Failed) say which recipients were refused.`,
	});
}
