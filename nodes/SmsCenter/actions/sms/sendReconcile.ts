import { isPartialAnswer } from '../../../shared/transport/answerRules';
import type { SentItem } from '../common/sentItems';
import type { PlannedRequest } from './sendPlan';

/** How one request of a send run ended. */
export type RequestOutcome =
	| { kind: 'sent'; code: string; messageId: string | null }
	/** Refused by the gateway, or failed on the way: the error says which. */
	| { kind: 'failed'; error: Error }
	/** Never started, because an earlier request failed and the run stops at the first failure. */
	| { kind: 'notStarted' };

/** How one item of a send run ended, from the requests that carried it. */
export type ItemOutcome =
	| { kind: 'sent'; itemIndex: number; status: 'OK' | 'SomeMessagesSent'; messageIds: string[] }
	| { kind: 'failed'; itemIndex: number; error: Error; sentMessageIds: string[]; sentParts: number }
	| { kind: 'notStarted'; itemIndex: number; sentMessageIds: string[]; sentParts: number };

/**
 * Each item's outcome, in the order of `itemIndexes`: failed when one of its requests failed (the
 * first such request's error), not started when one of its requests never started, otherwise sent,
 * with the message IDs of its requests. `outcomes[i]` is the outcome of `requests[i]`.
 */
export function reconcile(
	itemIndexes: number[],
	requests: Array<Pick<PlannedRequest, 'parts'>>,
	outcomes: RequestOutcome[],
): ItemOutcome[] {
	const perItem = new Map<number, RequestOutcome[]>();
	requests.forEach((request, index) => {
		for (const part of request.parts)
			perItem.set(part.itemIndex, [...(perItem.get(part.itemIndex) ?? []), outcomes[index]]);
	});
	return itemIndexes.map((itemIndex): ItemOutcome => {
		const own = perItem.get(itemIndex) ?? [];
		const sent = own.filter((outcome) => outcome.kind === 'sent');
		const sentMessageIds = sent
			.map((outcome) => outcome.messageId)
			.filter((id): id is string => id !== null);
		const failure = own.find((outcome) => outcome.kind === 'failed');
		if (failure)
			return {
				kind: 'failed',
				itemIndex,
				error: failure.error,
				sentMessageIds,
				sentParts: sent.length,
			};
		if (own.some((outcome) => outcome.kind === 'notStarted'))
			return { kind: 'notStarted', itemIndex, sentMessageIds, sentParts: sent.length };
		const status = sent.some((outcome) => isPartialAnswer(outcome.code))
			? 'SomeMessagesSent'
			: 'OK';
		return { kind: 'sent', itemIndex, status, messageIds: sentMessageIds };
	});
}

/** Every item that went out, whole or in part, with its message IDs. */
export function sentItems(items: ItemOutcome[]): SentItem[] {
	return items.flatMap((item): SentItem[] => {
		if (item.kind === 'sent') return [{ itemIndex: item.itemIndex, messageIds: item.messageIds }];
		return item.sentParts > 0
			? [{ itemIndex: item.itemIndex, messageIds: item.sentMessageIds, partly: true }]
			: [];
	});
}

/**
 * The error a run without Continue On Fail stops with: the first item that really failed. Items
 * left unstarted because of that failure are its consequence, not its cause.
 */
export function firstFailure(
	items: ItemOutcome[],
): Extract<ItemOutcome, { kind: 'failed' }> | undefined {
	return items.find(
		(item): item is Extract<ItemOutcome, { kind: 'failed' }> => item.kind === 'failed',
	);
}
