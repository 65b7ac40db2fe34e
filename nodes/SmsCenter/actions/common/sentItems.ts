/** An item of a run that went out, whole or in part, with the message IDs the gateway gave it. */
export interface SentItem {
	itemIndex: number;
	messageIds: string[];
	partly?: boolean;
}

/** Item numbers (1-based) in ranges: `item 3`, `items 1-4, 7`. */
export function itemNumbers(itemIndexes: number[]): string {
	const numbers = [...new Set(itemIndexes)].sort((a, b) => a - b).map((index) => index + 1);
	const ranges: string[] = [];
	for (let start = 0; start < numbers.length;) {
		let end = start;
		while (end + 1 < numbers.length && numbers[end + 1] === numbers[end] + 1) end++;
		ranges.push(end === start ? String(numbers[start]) : `${numbers[start]}-${numbers[end]}`);
		start = end + 1;
	}
	return `${numbers.length === 1 ? 'item' : 'items'} ${ranges.join(', ')}`;
}

/**
 * One sentence naming every item of the run that was sent and its message IDs, grouped by the
 * request that carried them, so that nobody sends them again by hand. Empty when nothing was sent.
 */
export function sentItemsSentence(sent: SentItem[]): string {
	if (sent.length === 0) return '';
	const groups = new Map<string, number[]>();
	for (const item of sent) {
		const ids =
			item.messageIds.length === 0
				? 'no message ID'
				: `message ${item.messageIds.length === 1 ? 'ID' : 'IDs'} ${item.messageIds.join(', ')}`;
		const label = item.partly === true ? `partly sent, ${ids}` : ids;
		groups.set(label, [...(groups.get(label) ?? []), item.itemIndex]);
	}
	const parts = [...groups].map(([label, items]) => `${itemNumbers(items)} (${label})`);
	return `Already sent in this run, do not send again: ${parts.join('; ')}.`;
}

/** Adds the sentence about what was sent to an error's description. */
export function withSentItems<E extends Error>(error: E, sent: SentItem[]): E {
	const sentence = sentItemsSentence(sent);
	if (sentence === '') return error;
	const described = error as E & { description?: string | null };
	described.description = `${described.description ?? ''} ${sentence}`.trim();
	return error;
}
